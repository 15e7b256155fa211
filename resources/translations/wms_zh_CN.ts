<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Unexpected error</source>
            <translation>意外错误</translation>
        </message>
        <message>
            <source>Something went wrong that the app did not expect. Your last action may not have been saved. Please copy the details below and send them to support.</source>
            <translation>程序遇到了意外的问题，您的上一步操作可能没有保存。请复制下面的详细信息并发送给技术支持。</translation>
        </message>
        <message>
            <source>&amp;Copy details</source>
            <translation>复制详细信息(&amp;C)</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
    </context>
    <context>
        <name>ErrorCodes</name>
        <message>
            <source>Invalid input</source>
            <translation>输入无效</translation>
        </message>
        <message>
            <source>Invalid product code</source>
            <translation>商品编码无效</translation>
        </message>
        <message>
            <source>Invalid SKU code</source>
            <translation>SKU 编码无效</translation>
        </message>
        <message>
            <source>Product not found</source>
            <translation>找不到该商品</translation>
        </message>
        <message>
            <source>SKU not found</source>
            <translation>找不到该 SKU</translation>
        </message>
        <message>
            <source>Location not found</source>
            <translation>找不到该库位</translation>
        </message>
        <message>
            <source>Warehouse not found</source>
            <translation>找不到该仓库</translation>
        </message>
        <message>
            <source>Barcode not found</source>
            <translation>找不到该条码</translation>
        </message>
        <message>
            <source>This product code already exists</source>
            <translation>该商品编码已存在</translation>
        </message>
        <message>
            <source>This SKU code already exists</source>
            <translation>该 SKU 编码已存在</translation>
        </message>
        <message>
            <source>This barcode is already in use</source>
            <translation>该条码已被使用</translation>
        </message>
        <message>
            <source>This location code already exists in this warehouse</source>
            <translation>本仓库中已存在该库位编码</translation>
        </message>
        <message>
            <source>This warehouse code already exists</source>
            <translation>该仓库编码已存在</translation>
        </message>
        <message>
            <source>Not enough stock at this location</source>
            <translation>该库位库存不足</translation>
        </message>
        <message>
            <source>This operation is not allowed</source>
            <translation>不允许此操作</translation>
        </message>
        <message>
            <source>Another workstation is working on this stock; please try again</source>
            <translation>另一台工作站正在处理这批库存，请稍后重试</translation>
        </message>
        <message>
            <source>The database cannot be reached</source>
            <translation>无法连接数据库</translation>
        </message>
        <message>
            <source>The database does not match this version of the app</source>
            <translation>数据库与当前程序版本不匹配</translation>
        </message>
        <message>
            <source>Wrong user name or password</source>
            <translation>用户名或密码错误</translation>
        </message>
        <message>
            <source>This user has been deactivated</source>
            <translation>该用户已被停用</translation>
        </message>
        <message>
            <source>User not found</source>
            <translation>找不到该用户</translation>
        </message>
        <message>
            <source>This user name is already taken</source>
            <translation>该用户名已被使用</translation>
        </message>
        <message>
            <source>The old password is not correct</source>
            <translation>原密码不正确</translation>
        </message>
        <message>
            <source>at least %1 characters</source>
            <translation>至少 %1 个字符</translation>
        </message>
        <message>
            <source>the product still has stock</source>
            <translation>该商品仍有库存</translation>
        </message>
        <message>
            <source>the location has stock or history</source>
            <translation>该库位有库存或历史记录</translation>
        </message>
        <message>
            <source>the location is inactive</source>
            <translation>该库位已停用</translation>
        </message>
        <message>
            <source>the unassigned location cannot be removed</source>
            <translation>无货位不能删除</translation>
        </message>
        <message>
            <source>this field cannot be changed</source>
            <translation>该字段不可修改</translation>
        </message>
        <message>
            <source>the product has no SKUs</source>
            <translation>该商品没有 SKU</translation>
        </message>
        <message>
            <source>user name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>display name</source>
            <translation>显示名称</translation>
        </message>
        <message>
            <source>available: %1, requested: %2</source>
            <translation>可用：%1，需要：%2</translation>
        </message>
        <message>
            <source>field: %1</source>
            <translation>字段：%1</translation>
        </message>
    </context>
    <context>
        <name>FirstAdminDialog</name>
        <message>
            <source>Create the first administrator</source>
            <translation>创建首个管理员</translation>
        </message>
        <message>
            <source>This database has no users yet. Create the administrator account that will sign in first and add the other users.</source>
            <translation>该数据库还没有任何用户。请创建管理员账号：先用它登录，再添加其他用户。</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>用户名(&amp;U)：</translation>
        </message>
        <message>
            <source>&amp;Display name:</source>
            <translation>显示名称(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Repeat password:</source>
            <translation>确认密码(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Create administrator</source>
            <translation>创建管理员(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>Enter a user name.</source>
            <translation>请输入用户名。</translation>
        </message>
        <message>
            <source>Enter a password.</source>
            <translation>请输入密码。</translation>
        </message>
        <message>
            <source>The two passwords are not the same.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
    </context>
    <context>
        <name>LocationsScreen</name>
        <message>
            <source>Locations</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>Location code or name</source>
            <translation>库位编码或名称</translation>
        </message>
        <message>
            <source>Storage</source>
            <translation>存储</translation>
        </message>
        <message>
            <source>Receiving</source>
            <translation>收货</translation>
        </message>
        <message>
            <source>Shipping</source>
            <translation>发货</translation>
        </message>
        <message>
            <source>Damaged goods</source>
            <translation>残次品</translation>
        </message>
        <message>
            <source>Returns</source>
            <translation>退货</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Inactive</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>Protected: cannot be changed or deleted</source>
            <translation>受保护：不可修改或删除</translation>
        </message>
        <message>
            <source>%1 of %2 locations</source>
            <translation>%1 / %2 个库位</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Sign in — wms-desktop</source>
            <translation>登录 — wms-desktop</translation>
        </message>
        <message>
            <source>Sign in to the warehouse workstation.</source>
            <translation>登录仓库工作站。</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>用户名(&amp;U)：</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Sign in</source>
            <translation>登录(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>Enter your user name.</source>
            <translation>请输入用户名。</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>wms-desktop — warehouse %1</source>
            <translation>wms-desktop — 仓库 %1</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <source>Log &amp;out</source>
            <translation>注销(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>转到(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Search</source>
            <translation>搜索(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About wms-desktop</source>
            <translation>关于 wms-desktop(&amp;A)</translation>
        </message>
        <message>
            <source>Restart needed</source>
            <translation>需要重新启动</translation>
        </message>
        <message>
            <source>The new database or warehouse is used after you restart the app.</source>
            <translation>重新启动程序后才会使用新的数据库或仓库。</translation>
        </message>
        <message>
            <source>About wms-desktop</source>
            <translation>关于 wms-desktop</translation>
        </message>
        <message>
            <source>&lt;h3&gt;wms-desktop %1&lt;/h3&gt;&lt;p&gt;Warehouse workstation.&lt;/p&gt;&lt;p&gt;Database: %2&lt;br&gt;Warehouse: %3&lt;/p&gt;&lt;p&gt;Chinese font: WenQuanYi Micro Hei (Apache License 2.0).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;wms-desktop %1&lt;/h3&gt;&lt;p&gt;仓库工作站。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;br&gt;仓库：%3&lt;/p&gt;&lt;p&gt;中文字体：文泉驿微米黑（Apache License 2.0）。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&amp;Operations</source>
            <translation>作业(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Inbound…</source>
            <translation>入库(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Outbound…</source>
            <translation>出库(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Transfer…</source>
            <translation>移库(&amp;T)…</translation>
        </message>
        <message>
            <source>&amp;Adjust…</source>
            <translation>库存调整(&amp;A)…</translation>
        </message>
        <message>
            <source>Stock &amp;count…</source>
            <translation>盘点(&amp;C)…</translation>
        </message>
    </context>
    <context>
        <name>MovementsScreen</name>
        <message>
            <source>Movements</source>
            <translation>出入库记录</translation>
        </message>
        <message>
            <source>Product, SKU, location code or barcode</source>
            <translation>商品、SKU、库位编码或条码</translation>
        </message>
        <message>
            <source>The end date is before the start date.</source>
            <translation>结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>加载中…</translation>
        </message>
        <message>
            <source>%1 movements, newest first</source>
            <translation>%1 条记录，最新在前</translation>
        </message>
        <message>
            <source>No product, SKU, location or barcode %1.</source>
            <translation>没有商品、SKU、库位或条码 %1。</translation>
        </message>
        <message>
            <source>SKU code</source>
            <translation>SKU 编码</translation>
        </message>
        <message>
            <source>Location code</source>
            <translation>库位编码</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>All operations</source>
            <translation>全部操作</translation>
        </message>
        <message>
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <source>To</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>筛选</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>清除</translation>
        </message>
    </context>
    <context>
        <name>ProductsScreen</name>
        <message>
            <source>Products</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Product or SKU code, name or barcode</source>
            <translation>商品或 SKU 编码、名称或条码</translation>
        </message>
        <message>
            <source>Select a product to see its colours and sizes.</source>
            <translation>选择一个商品以查看其颜色和尺码。</translation>
        </message>
        <message>
            <source>Stock %1 %2 · %3 SKUs · %4 locations</source>
            <translation>库存 %1 %2 · %3 个 SKU · %4 个库位</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>分类</translation>
        </message>
        <message>
            <source>SKUs</source>
            <translation>SKU 数</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>更新时间</translation>
        </message>
    </context>
    <context>
        <name>SchemaMismatch</name>
        <message>
            <source>The database has no wms-desktop tables yet. An administrator must run “wms-desktop db upgrade” once before this workstation can use it.</source>
            <translation>该数据库还没有 wms-desktop 的数据表。需要管理员先运行一次“wms-desktop db upgrade”，本工作站才能使用。</translation>
        </message>
        <message>
            <source>The database is older than this version of the app. An administrator must run “wms-desktop db upgrade” (after a backup).</source>
            <translation>数据库版本比当前程序旧。需要管理员（先备份，再）运行“wms-desktop db upgrade”。</translation>
        </message>
        <message>
            <source>The database is newer than this version of the app. Install the newer wms-desktop on this computer.</source>
            <translation>数据库版本比当前程序新。请在本机安装新版 wms-desktop。</translation>
        </message>
        <message>
            <source>Database: %1
Database version: %2
Version this app needs: %3</source>
            <translation>数据库：%1
数据库版本：%2
本程序需要的版本：%3</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Database version mismatch</source>
            <translation>数据库版本不匹配</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Workstation settings</source>
            <translation>工作站设置</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>数据库</translation>
        </message>
        <message>
            <source>&amp;Embedded (this computer only)</source>
            <translation>内置数据库（仅本机）(&amp;E)</translation>
        </message>
        <message>
            <source>Shared Postgre&amp;SQL server</source>
            <translation>共享 PostgreSQL 服务器(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Host:</source>
            <translation>主机(&amp;H)：</translation>
        </message>
        <message>
            <source>P&amp;ort:</source>
            <translation>端口(&amp;O)：</translation>
        </message>
        <message>
            <source>Data&amp;base:</source>
            <translation>数据库名(&amp;B)：</translation>
        </message>
        <message>
            <source>User &amp;name:</source>
            <translation>用户名(&amp;N)：</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>密码(&amp;W)：</translation>
        </message>
        <message>
            <source>Changes to the database or the warehouse take effect after the app is restarted.</source>
            <translation>修改数据库或仓库后，需要重新启动程序才能生效。</translation>
        </message>
        <message>
            <source>The password is kept in the system keyring, not in the settings file.</source>
            <translation>密码保存在系统密钥环中，不会写入设置文件。</translation>
        </message>
        <message>
            <source>unchanged</source>
            <translation>不修改</translation>
        </message>
        <message>
            <source>No system keyring is available, so the password cannot be saved. Install a keyring service (for example GNOME Keyring or KWallet), or set WMS_DATABASE_URL for this computer.</source>
            <translation>没有可用的系统密钥环，因此无法保存密码。请安装密钥环服务（例如 GNOME Keyring 或 KWallet），或为本机设置 WMS_DATABASE_URL。</translation>
        </message>
        <message>
            <source>no keyring available</source>
            <translation>没有可用的密钥环</translation>
        </message>
        <message>
            <source>Workstation and devices</source>
            <translation>工作站与设备</translation>
        </message>
        <message>
            <source>&amp;Warehouse code:</source>
            <translation>仓库编码(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Printer profile:</source>
            <translation>打印机配置(&amp;P)：</translation>
        </message>
        <message>
            <source>Scanner pre&amp;fix:</source>
            <translation>扫描枪前缀(&amp;F)：</translation>
        </message>
        <message>
            <source>Scanner su&amp;ffix:</source>
            <translation>扫描枪后缀(&amp;X)：</translation>
        </message>
        <message>
            <source>Scale &amp;topic:</source>
            <translation>电子秤主题(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Station ID:</source>
            <translation>工位编号(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;MQTT host:</source>
            <translation>MQTT 主机(&amp;M)：</translation>
        </message>
        <message>
            <source>MQTT po&amp;rt:</source>
            <translation>MQTT 端口(&amp;R)：</translation>
        </message>
        <message>
            <source>default: WH01</source>
            <translation>默认：WH01</translation>
        </message>
        <message>
            <source>Control characters as \r, \n, \t or \x02</source>
            <translation>控制字符写作 \r、\n、\t 或 \x02</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>取消(&amp;C)</translation>
        </message>
        <message>
            <source>Enter the database server's host name.</source>
            <translation>请输入数据库服务器的主机名。</translation>
        </message>
        <message>
            <source>Enter the database name.</source>
            <translation>请输入数据库名。</translation>
        </message>
        <message>
            <source>The station ID may use 1–40 letters, digits, '-' and '_'.</source>
            <translation>工位编号只能使用 1–40 个字母、数字、“-”和“_”。</translation>
        </message>
        <message>
            <source>The scanner prefix or suffix has a broken escape (use \r, \n, \t, \\ or \x followed by two hex digits).</source>
            <translation>扫描枪前缀或后缀中的转义写法有误（请使用 \r、\n、\t、\\ 或 \x 加两位十六进制数）。</translation>
        </message>
        <message>
            <source>The other settings were saved, but the password could not be stored in the system keyring.</source>
            <translation>其他设置已保存，但密码无法存入系统密钥环。</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>wms-desktop cannot start</source>
            <translation>wms-desktop 无法启动</translation>
        </message>
        <message>
            <source>Loading demo data…</source>
            <translation>正在载入演示数据…</translation>
        </message>
        <message>
            <source>Demo data</source>
            <translation>演示数据</translation>
        </message>
        <message>
            <source>This workstation's own database has no products yet. Fill it with demo data (apparel, locations and stock) to try the app?</source>
            <translation>本工作站的内置数据库还没有商品。是否填入演示数据（服装商品、库位和库存）来试用程序？</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <source>Scanner</source>
            <translation>扫描枪</translation>
        </message>
        <message>
            <source>Scale/MQTT</source>
            <translation>电子秤/MQTT</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>打印机</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>off</source>
            <translation>未启用</translation>
        </message>
        <message>
            <source>ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <source>connecting</source>
            <translation>连接中</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>User: %1</source>
            <translation>用户：%1</translation>
        </message>
        <message>
            <source>Warehouse: %1</source>
            <translation>仓库：%1</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>数据库：%1</translation>
        </message>
    </context>
    <context>
        <name>StockScreen</name>
        <message>
            <source>Stock</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Location, product or SKU code</source>
            <translation>库位、商品或 SKU 编码</translation>
        </message>
        <message>
            <source>Location: %1</source>
            <translation>库位：%1</translation>
        </message>
        <message>
            <source>Show all locations</source>
            <translation>显示全部库位</translation>
        </message>
        <message>
            <source>Product / colour / size / location</source>
            <translation>商品 / 颜色 / 尺码 / 库位</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Locations</source>
            <translation>库位数</translation>
        </message>
        <message>
            <source>Select a row to see its product by colour and size.</source>
            <translation>选择一行以按颜色和尺码查看其商品。</translation>
        </message>
        <message>
            <source>By product: %1</source>
            <translation>按商品：%1</translation>
        </message>
        <message>
            <source>(no colour)</source>
            <translation>（无颜色）</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>尺码</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>批次</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>锁定</translation>
        </message>
        <message>
            <source>Available</source>
            <translation>可用</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>更新时间</translation>
        </message>
    </context>
    <context>
        <name>ops</name>
        <message>
            <source>Refused</source>
            <translation>操作被拒绝</translation>
        </message>
    </context>
    <context>
        <name>AdjustDialog</name>
        <message>
            <source>Adjust stock (+/−)</source>
            <translation>库存调整（+/−）</translation>
        </message>
    </context>
    <context>
        <name>CountDialog</name>
        <message>
            <source>Stock count (set quantity)</source>
            <translation>盘点（设定数量）</translation>
        </message>
    </context>
    <context>
        <name>InboundDialog</name>
        <message>
            <source>Inbound (receive stock)</source>
            <translation>入库</translation>
        </message>
    </context>
    <context>
        <name>OperationDialog</name>
        <message>
            <source>&amp;Location</source>
            <translation>库位(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Item</source>
            <translation>商品(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Batch</source>
            <translation>批次(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Quantity</source>
            <translation>数量(&amp;Q)</translation>
        </message>
        <message>
            <source>SKU code, product code or barcode</source>
            <translation>SKU 编码、商品编码或条码</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>可选</translation>
        </message>
        <message>
            <source>scan or type a location code</source>
            <translation>扫描或输入库位编码</translation>
        </message>
        <message>
            <source>Scan the location, then the item; type or scan the quantity and press Enter.</source>
            <translation>先扫库位，再扫商品；输入或扫描数量后按回车。</translation>
        </message>
        <message>
            <source>Post (Enter)</source>
            <translation>过账 (Enter)</translation>
        </message>
        <message>
            <source>Close (Esc)</source>
            <translation>关闭 (Esc)</translation>
        </message>
        <message>
            <source>%1 has colours and sizes: scan the SKU label.</source>
            <translation>%1 有颜色和尺码：请扫描 SKU 标签。</translation>
        </message>
        <message>
            <source>Unknown code: %1</source>
            <translation>未知条码：%1</translation>
        </message>
        <message>
            <source>Enter a quantity from 1 to 1,000,000,000.</source>
            <translation>请输入 1 到 1,000,000,000 之间的数量。</translation>
        </message>
        <message>
            <source>Enter a change other than 0, e.g. -3 or 5.</source>
            <translation>请输入不为 0 的变化量，例如 -3 或 5。</translation>
        </message>
        <message>
            <source>Enter the counted quantity (0 or more).</source>
            <translation>请输入盘点数量（0 或以上）。</translation>
        </message>
        <message>
            <source>%1 is missing: scan or type it.</source>
            <translation>缺少%1：请扫描或输入。</translation>
        </message>
        <message>
            <source>%1 at %2: %3 → %4</source>
            <translation>%1 @ %2：%3 → %4</translation>
        </message>
        <message>
            <source>&amp;From location</source>
            <translation>源库位(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;To location</source>
            <translation>目标库位(&amp;T)</translation>
        </message>
        <message>
            <source>%1: %2 now %3, %4 now %5</source>
            <translation>%1：%2 现为 %3，%4 现为 %5</translation>
        </message>
        <message>
            <source>&amp;Change (+/−)</source>
            <translation>变化量(&amp;C)（+/−）</translation>
        </message>
        <message>
            <source>%1 at %2: %3 → %4 (%5)</source>
            <translation>%1 @ %2：%3 → %4（%5）</translation>
        </message>
        <message>
            <source>&amp;Counted quantity</source>
            <translation>盘点数量(&amp;C)</translation>
        </message>
    </context>
    <context>
        <name>OutboundDialog</name>
        <message>
            <source>Outbound (ship stock)</source>
            <translation>出库</translation>
        </message>
    </context>
    <context>
        <name>Scanner</name>
        <message>
            <source>Unknown code: %1</source>
            <translation>未知条码：%1</translation>
        </message>
        <message>
            <source>Location %1</source>
            <translation>库位 %1</translation>
        </message>
    </context>
    <context>
        <name>TransferDialog</name>
        <message>
            <source>Transfer (move stock)</source>
            <translation>移库</translation>
        </message>
    </context>
    <context>
        <name>LazyTableModel</name>
        <message>
            <source>(removed)</source>
            <translation>（已删除）</translation>
        </message>
    </context>
    <context>
        <name>LazyTableScreen</name>
        <message>
            <source>%1 rows</source>
            <translation>%1 行</translation>
        </message>
    </context>
    <context>
        <name>LedgerModel</name>
        <message>
            <source>Inbound</source>
            <translation>入库</translation>
        </message>
        <message>
            <source>Outbound</source>
            <translation>出库</translation>
        </message>
        <message>
            <source>Transfer out</source>
            <translation>移出</translation>
        </message>
        <message>
            <source>Transfer in</source>
            <translation>移入</translation>
        </message>
        <message>
            <source>Adjustment</source>
            <translation>调整</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>盘点</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Operation</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>批次</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变动</translation>
        </message>
        <message>
            <source>After</source>
            <translation>结存</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>单据号</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
    </context>
<context>
    <name>PrintLabelsDialog</name>
    <message>
        <source>SKU labels</source>
        <translation>SKU 标签</translation>
    </message>
    <message>
        <source>Location labels</source>
        <translation>库位标签</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>Label si&amp;ze:</source>
        <translation>标签尺寸(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Prin&amp;ter:</source>
        <translation>打印机(&amp;T)：</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>PDF (any printer)</source>
        <translation>PDF（任意打印机）</translation>
    </message>
    <message>
        <source>ZPL (Zebra label printer)</source>
        <translation>ZPL（斑马标签打印机）</translation>
    </message>
    <message>
        <source>Save to file</source>
        <translation>保存为文件</translation>
    </message>
    <message>
        <source>Printer %1</source>
        <translation>打印机 %1</translation>
    </message>
    <message>
        <source>P&amp;rint</source>
        <translation>打印(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>R&amp;eprint</source>
        <translation>重新打印(&amp;E)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Loading what to print…</source>
        <translation>正在读取要打印的内容…</translation>
    </message>
    <message>
        <source>%1: %2 to print</source>
        <translation>%1：共 %2 张待打印</translation>
    </message>
    <message>
        <source>Save labels in</source>
        <translation>标签保存到</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Sending… %1 of %2 jobs</source>
        <translation>正在发送… 第 %1 / %2 个作业</translation>
    </message>
    <message>
        <source>Cancelling after the current job…</source>
        <translation>当前作业完成后取消…</translation>
    </message>
    <message>
        <source>Cancelled: %1 of %2 labels sent</source>
        <translation>已取消：已发送 %1 / %2 张标签</translation>
    </message>
    <message>
        <source>Done: %1 labels sent</source>
        <translation>完成：已发送 %1 张标签</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Reprinting…</source>
        <translation>正在重新打印…</translation>
    </message>
    <message>
        <source>Reprinted</source>
        <translation>已重新打印</translation>
    </message>
    <message>
        <source>Select what to print first.</source>
        <translation>请先选择要打印的内容。</translation>
    </message>
</context>
<context>
    <name>PrintingErrors</name>
    <message>
        <source>The printer cannot be reached</source>
        <translation>无法连接打印机</translation>
    </message>
    <message>
        <source>The printer stopped accepting data</source>
        <translation>打印机停止接收数据</translation>
    </message>
    <message>
        <source>The printer closed the connection before the job was sent</source>
        <translation>作业发送完成前打印机断开了连接</translation>
    </message>
    <message>
        <source>The system print spooler is not available</source>
        <translation>系统打印服务不可用</translation>
    </message>
    <message>
        <source>The system print spooler refused the job</source>
        <translation>系统打印服务拒绝了该作业</translation>
    </message>
    <message>
        <source>The print file could not be written</source>
        <translation>无法写入打印文件</translation>
    </message>
    <message>
        <source>No such print job in the history</source>
        <translation>历史记录中没有此打印作业</translation>
    </message>
    <message>
        <source>This document cannot be produced in that format</source>
        <translation>此文档无法生成该格式</translation>
    </message>
    <message>
        <source>No such label profile</source>
        <translation>没有此标签尺寸</translation>
    </message>
    <message>
        <source>The content does not fit on this label size</source>
        <translation>内容放不下此标签尺寸</translation>
    </message>
    <message>
        <source>jobs sent before the error: %1</source>
        <translation>出错前已发送作业：%1</translation>
    </message>
</context>
<context>
    <name>Screen</name>
    <message>
        <source>Print &amp;labels…</source>
        <translation>打印标签(&amp;L)…</translation>
    </message>
    <message>
        <source>Print labels for the selection (Ctrl+P)</source>
        <translation>为所选内容打印标签 (Ctrl+P)</translation>
    </message>
</context>
</TS>