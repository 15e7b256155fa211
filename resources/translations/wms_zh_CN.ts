<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust stock (+/−)</source>
        <translation>库存调整（+/−）</translation>
    </message>
</context>
<context>
    <name>AlertsScreen</name>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Product code or name</source>
        <translation>商品编码或名称</translation>
    </message>
    <message>
        <source>%1 alerts, %2 not acknowledged</source>
        <translation>%1 条预警，%2 条未确认</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>低库存</translation>
    </message>
    <message>
        <source>High stock</source>
        <translation>高库存</translation>
    </message>
    <message>
        <source>Expiring lot</source>
        <translation>批次临期</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>SKU / batch</source>
        <translation>SKU / 批次</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>解除时间</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>未解除</translation>
    </message>
    <message>
        <source>All, with cleared</source>
        <translation>全部（含已解除）</translation>
    </message>
    <message>
        <source>A&amp;cknowledge</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>Your role does not allow this</source>
        <translation>您的角色无此权限</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>History of %1</source>
        <translation>%1 的变更记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <source>%1 changes, newest first</source>
        <translation>%1 条变更，最新在前</translation>
    </message>
</context>
<context>
    <name>CloseAsnDialog</name>
    <message>
        <source>Close %1</source>
        <translation>关闭 %1</translation>
    </message>
    <message>
        <source>%1 lines arrived short. Why does each close short?</source>
        <translation>%1 行到货不足。每行短缺关闭的原因是什么？</translation>
    </message>
    <message>
        <source>Every line arrived in full. Close the ASN?</source>
        <translation>所有明细均已足额到货。关闭到货通知单吗？</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>短缺</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Close the ASN</source>
        <translation>关闭到货通知单(&amp;C)</translation>
    </message>
</context>
<context>
    <name>CountApprovalDialog</name>
    <message>
        <source>Count approval</source>
        <translation>盘点审核</translation>
    </message>
    <message>
        <source>&amp;Variances only</source>
        <translation>仅显示差异(&amp;V)</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>原因(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Approve selected</source>
        <translation>批准所选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject selected</source>
        <translation>驳回所选(&amp;R)</translation>
    </message>
    <message>
        <source>Approve &amp;task</source>
        <translation>批准任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Post task</source>
        <translation>过账任务(&amp;P)</translation>
    </message>
    <message>
        <source>Variance report (P&amp;DF)</source>
        <translation>差异报告 (PDF)(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>%1 — %2 — %3: %4 of %5 locations counted, %6 lines, %7 with a variance (%8 undecided), net %9 units</source>
        <translation>%1 — %2 — %3：已盘 %4/%5 个库位，%6 行，%7 行有差异（%8 行待审），净差异 %9 件</translation>
    </message>
    <message>
        <source>Counter accuracy: %1</source>
        <translation>盘点员准确率：%1</translation>
    </message>
    <message>
        <source>Select the lines to decide first.</source>
        <translation>请先选择要审核的明细。</translation>
    </message>
    <message>
        <source>%1 variances approved.</source>
        <translation>已批准 %1 条差异。</translation>
    </message>
    <message>
        <source>%1 variances rejected.</source>
        <translation>已驳回 %1 条差异。</translation>
    </message>
    <message>
        <source>The task is approved: post it to change the stock.</source>
        <translation>任务已批准：过账后库存才会变更。</translation>
    </message>
    <message>
        <source>The task is posted: the approved variances are in the stock.</source>
        <translation>任务已过账：批准的差异已计入库存。</translation>
    </message>
    <message>
        <source>Post the count</source>
        <translation>过账盘点</translation>
    </message>
    <message>
        <source>Post the approved variances of %1 lines to the stock? This cannot be undone.</source>
        <translation>将 %1 行已审核的差异过账到库存？此操作无法撤销。</translation>
    </message>
    <message>
        <source>&amp;Post to stock</source>
        <translation>过账到库存(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>返回(&amp;B)</translation>
    </message>
    <message>
        <source>Variance report saved (%1)</source>
        <translation>差异报告已保存（%1）</translation>
    </message>
</context>
<context>
    <name>CountLines</name>
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
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Moved since</source>
        <translation>期间变动</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Counted by</source>
        <translation>盘点人</translation>
    </message>
    <message>
        <source>First count by</source>
        <translation>初盘人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审核结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CountReasons</name>
    <message>
        <source>Miscounted before</source>
        <translation>此前数错</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>Lost or stolen</source>
        <translation>丢失或被盗</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>盘盈找到</translation>
    </message>
    <message>
        <source>Misplaced</source>
        <translation>放错库位</translation>
    </message>
    <message>
        <source>Receipt not recorded</source>
        <translation>收货未登记</translation>
    </message>
    <message>
        <source>Shipment not recorded</source>
        <translation>发货未登记</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
</context>
<context>
    <name>CountSessionDialog</name>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Count &amp;task</source>
        <translation>盘点任务(&amp;T)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>&amp;Next item counts</source>
        <translation>下一件计数(&amp;N)</translation>
    </message>
    <message>
        <source>scan or type the count task&apos;s number</source>
        <translation>扫描或输入盘点任务编号</translation>
    </message>
    <message>
        <source>1 (scan or type a number before an item)</source>
        <translation>1（在商品前扫描或输入数量）</translation>
    </message>
    <message>
        <source>&amp;Counted here by you</source>
        <translation>您在此库位已盘(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Locations of the task</source>
        <translation>任务库位(&amp;L)</translation>
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
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>盘点员</translation>
    </message>
    <message>
        <source>To recount</source>
        <translation>待复盘</translation>
    </message>
    <message>
        <source>&amp;Finish location (F10)</source>
        <translation>完成库位(&amp;F) (F10)</translation>
    </message>
    <message>
        <source>to count</source>
        <translation>待盘</translation>
    </message>
    <message>
        <source>being counted</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>to recount</source>
        <translation>待复盘</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>已盘</translation>
    </message>
    <message>
        <source>Scan %1 once more to finish it: items not scanned count as zero.</source>
        <translation>再扫一次 %1 即完成该库位：未扫描的商品按零计。</translation>
    </message>
    <message>
        <source>Scan the count task&apos;s number first.</source>
        <translation>请先扫描盘点任务编号。</translation>
    </message>
    <message>
        <source>Scan the location first, then the items in it.</source>
        <translation>请先扫描库位，再扫描其中的商品。</translation>
    </message>
    <message>
        <source>Finish %1 first (scan it again).</source>
        <translation>请先完成 %1（再扫一次该库位）。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 locations left. Scan a location to count it.</source>
        <translation>%1：还剩 %2/%3 个库位。扫描库位开始盘点。</translation>
    </message>
    <message>
        <source>Recount at %1: count %2 again.</source>
        <translation>%1 复盘：请重新清点 %2。</translation>
    </message>
    <message>
        <source>Counting %1: scan every item in it.</source>
        <translation>正在盘点 %1：请扫描其中每件商品。</translation>
    </message>
    <message>
        <source>%1 +%2: %3 counted here</source>
        <translation>%1 +%2：此库位已盘 %3</translation>
    </message>
    <message>
        <source>Finish location</source>
        <translation>完成库位</translation>
    </message>
    <message>
        <source>Finish %1? Items not scanned there count as zero.</source>
        <translation>完成 %1？该库位未扫描的商品按零计。</translation>
    </message>
    <message>
        <source>%1 counted: %2 items.</source>
        <translation>%1 已盘完：%2 种商品。</translation>
    </message>
    <message>
        <source>%1 of them are to be recounted.</source>
        <translation>其中 %1 种需要复盘。</translation>
    </message>
    <message>
        <source>Every location of the task is counted.</source>
        <translation>任务的所有库位均已盘完。</translation>
    </message>
    <message>
        <source>— scan a location —</source>
        <translation>— 请扫描库位 —</translation>
    </message>
    <message>
        <source>%1 (recount)</source>
        <translation>%1（复盘）</translation>
    </message>
    <message>
        <source>Wait until the counts in progress are saved.</source>
        <translation>请等待正在保存的盘点数据完成。</translation>
    </message>
</context>
<context>
    <name>CountsScreen</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位数</translation>
    </message>
    <message>
        <source>Variances</source>
        <translation>差异行</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Count task number</source>
        <translation>盘点任务编号</translation>
    </message>
    <message>
        <source>New tas&amp;k…</source>
        <translation>新建任务(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Count…</source>
        <translation>盘点(&amp;C)…</translation>
    </message>
    <message>
        <source>Appro&amp;val…</source>
        <translation>审核(&amp;V)…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel task</source>
        <translation>取消任务(&amp;N)</translation>
    </message>
    <message>
        <source>No count task selected</source>
        <translation>未选择盘点任务</translation>
    </message>
    <message>
        <source>Scope: %1
Locations counted: %2 of %3
Lines counted: %4 of %5
To recount: %6
Variances: %7 (%8 undecided), net %9 units</source>
        <translation>范围：%1
已盘库位：%2/%3
已盘明细：%4/%5
待复盘：%6
差异：%7（%8 待审），净差异 %9 件</translation>
    </message>
</context>
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
    <name>DatabasePage</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>&amp;Embedded (this computer only)</source>
        <translation>内置数据库（仅本机）(&amp;E)</translation>
    </message>
    <message>
        <source>Shared &amp;PostgreSQL server</source>
        <translation>共享 PostgreSQL 服务器(&amp;P)</translation>
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
        <source>Changes here take effect after the app is restarted.</source>
        <translation>此页的修改在重新启动程序后生效。</translation>
    </message>
    <message>
        <source>Time limits (seconds)</source>
        <translation>等待时限（秒）</translation>
    </message>
    <message>
        <source>Connec&amp;t:</source>
        <translation>连接(&amp;T)：</translation>
    </message>
    <message>
        <source>One state&amp;ment:</source>
        <translation>单条语句(&amp;M)：</translation>
    </message>
    <message>
        <source>Wait for &amp;locked stock:</source>
        <translation>等待被锁库存(&amp;L)：</translation>
    </message>
    <message>
        <source>Transaction left &amp;idle:</source>
        <translation>事务空闲(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Vanished network peer:</source>
        <translation>网络对端消失(&amp;V)：</translation>
    </message>
    <message>
        <source>After these waits the workstation says the database cannot be reached (or that another workstation holds the stock) instead of waiting on; the server ends a transaction left idle, releasing its locks.</source>
        <translation>超过这些时限，工作站即提示数据库无法连接（或库存被其他工作站占用），不再继续等待；服务器会结束空闲的事务并释放其锁。</translation>
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
        <source>Or set WMS_DATABASE_URL for this computer.</source>
        <translation>或为本机设置 WMS_DATABASE_URL。</translation>
    </message>
    <message>
        <source>no keyring available</source>
        <translation>没有可用的密钥环</translation>
    </message>
    <message>
        <source>Enter the database server&apos;s host name.</source>
        <translation>请输入数据库服务器的主机名。</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>请输入数据库名。</translation>
    </message>
    <message>
        <source>The wait for locked stock must be shorter than one statement&apos;s limit.</source>
        <translation>等待被锁库存的时限必须短于单条语句的时限。</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsPage</name>
    <message>
        <source>Scale &amp;&amp; sensors</source>
        <translation>电子秤与传感器</translation>
    </message>
    <message>
        <source>MQTT &amp;broker host:</source>
        <translation>MQTT 服务器地址(&amp;B)：</translation>
    </message>
    <message>
        <source>Broker p&amp;ort:</source>
        <translation>服务器端口(&amp;O)：</translation>
    </message>
    <message>
        <source>C&amp;A certificate:</source>
        <translation>CA 证书(&amp;A)：</translation>
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
        <source>Topic &amp;root:</source>
        <translation>主题前缀(&amp;R)：</translation>
    </message>
    <message>
        <source>Scale topic:</source>
        <translation>电子秤主题：</translation>
    </message>
    <message>
        <source>Weight &amp;tolerance:</source>
        <translation>称重允差(&amp;T)：</translation>
    </message>
    <message>
        <source>T&amp;emperature alert (°C):</source>
        <translation>温度报警（°C）(&amp;E)：</translation>
    </message>
    <message>
        <source>H&amp;umidity alert (%):</source>
        <translation>湿度报警（%）(&amp;U)：</translation>
    </message>
    <message>
        <source>Use T&amp;LS</source>
        <translation>使用 TLS(&amp;L)</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>empty: no broker (no scale, sensors or events)</source>
        <translation>留空：不使用代理（无电子秤、传感器和事件）</translation>
    </message>
    <message>
        <source>empty: the system&apos;s certificates</source>
        <translation>留空：使用系统证书</translation>
    </message>
    <message>
        <source>empty: anonymous</source>
        <translation>留空：匿名连接</translation>
    </message>
    <message>
        <source>Of the expected weight; the larger of the two allowances applies</source>
        <translation>相对于预期重量；两种允差取较大者</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>The broker password is kept in the system keyring, not in the settings file.</source>
        <translation>MQTT 服务器密码保存在系统密钥环中，不会写入设置文件。</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不修改</translation>
    </message>
    <message>
        <source>no keyring available</source>
        <translation>没有可用的密钥环</translation>
    </message>
    <message>
        <source>Broker, topic and alert limit changes take effect after the app is restarted; the tolerance applies at once.</source>
        <translation>MQTT 服务器、主题和报警限值的修改在重新启动程序后生效；称重允差立即生效。</translation>
    </message>
    <message>
        <source>set a station ID on the Workstation tab</source>
        <translation>请在“工作站”页设置工位编号</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Set this workstation&apos;s station ID on the Workstation tab: the broker and the scale know the workstation by it.</source>
        <translation>请在“工作站”页设置本工作站的工位编号：MQTT 服务器和电子秤靠它识别本工作站。</translation>
    </message>
    <message>
        <source>The CA certificate file does not exist.</source>
        <translation>CA 证书文件不存在。</translation>
    </message>
    <message>
        <source>The topic root needs one or more levels separated by &apos;/&apos;, without &apos;+&apos; or &apos;#&apos;.</source>
        <translation>主题前缀须由一级或多级组成，以“/”分隔，不能包含“+”或“#”。</translation>
    </message>
    <message>
        <source>An alert limit must be a number such as 8 or -18.5, or empty.</source>
        <translation>报警限值必须是数字（如 8 或 -18.5），或留空。</translation>
    </message>
    <message>
        <source>An alert&apos;s low limit must not be above its high limit.</source>
        <translation>报警下限不能高于上限。</translation>
    </message>
</context>
<context>
    <name>DocumentListScreen</name>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Which documents are listed</source>
        <translation>列出哪些单据</translation>
    </message>
</context>
<context>
    <name>DocumentStates</name>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>收货中</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已下发</translation>
    </message>
    <message>
        <source>picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>已盘点</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审批</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>DocumentTypes</name>
    <message>
        <source>ASN</source>
        <translation>到货通知</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货单</translation>
    </message>
    <message>
        <source>Count task</source>
        <translation>盘点任务</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>&amp;New…</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected row (F2 or Enter)</source>
        <translation>编辑选中的行 (F2 或 Enter)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected row (Delete)</source>
        <translation>删除选中的行 (Delete)</translation>
    </message>
    <message>
        <source>Your role cannot change this list.</source>
        <translation>您的角色无权修改此列表。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
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
        <source>A scan code is 1 to 16 ASCII letters, digits or signs, without spaces</source>
        <translation>扫描码为 1 到 16 个 ASCII 字母、数字或符号，不含空格</translation>
    </message>
    <message>
        <source>This scan code is already in use</source>
        <translation>此扫描码已被使用</translation>
    </message>
    <message>
        <source>This warehouse code already exists</source>
        <translation>该仓库编码已存在</translation>
    </message>
    <message>
        <source>This warehouse is deactivated</source>
        <translation>该仓库已停用</translation>
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
        <source>Your role does not allow this</source>
        <translation>您的角色无权执行此操作</translation>
    </message>
    <message>
        <source>This user may not work in this warehouse</source>
        <translation>该用户不能在此仓库工作</translation>
    </message>
    <message>
        <source>Too many failed sign-ins; please wait a few minutes</source>
        <translation>登录失败次数过多，请几分钟后再试</translation>
    </message>
    <message>
        <source>Please sign in first</source>
        <translation>请先登录</translation>
    </message>
    <message>
        <source>The sign-in token is not valid</source>
        <translation>登录令牌无效</translation>
    </message>
    <message>
        <source>The sign-in token has expired</source>
        <translation>登录令牌已过期</translation>
    </message>
    <message>
        <source>The sign-in token was revoked; please sign in again</source>
        <translation>登录令牌已被撤销，请重新登录</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>API key not found</source>
        <translation>API 密钥不存在</translation>
    </message>
    <message>
        <source>Webhook not found</source>
        <translation>Webhook 不存在</translation>
    </message>
    <message>
        <source>Webhook delivery not found</source>
        <translation>Webhook 投递记录不存在</translation>
    </message>
    <message>
        <source>This request method is not allowed here</source>
        <translation>此处不允许该请求方法</translation>
    </message>
    <message>
        <source>Internal server error</source>
        <translation>服务器内部错误</translation>
    </message>
    <message>
        <source>Not possible in the document&apos;s present state</source>
        <translation>单据当前状态下不能执行此操作</translation>
    </message>
    <message>
        <source>Document not found</source>
        <translation>单据不存在</translation>
    </message>
    <message>
        <source>A document with this number already exists in this warehouse</source>
        <translation>本仓库已有相同编号的单据</translation>
    </message>
    <message>
        <source>The document has no lines</source>
        <translation>单据没有明细</translation>
    </message>
    <message>
        <source>The same line is entered twice</source>
        <translation>同一明细重复录入</translation>
    </message>
    <message>
        <source>Someone else changed this document meanwhile: reload it and try again</source>
        <translation>单据已被他人修改：请重新加载后再试</translation>
    </message>
    <message>
        <source>This batch is recorded with another expiry date</source>
        <translation>该批次已登记了不同的有效期</translation>
    </message>
    <message>
        <source>This location is not part of the count task</source>
        <translation>该库位不在此盘点任务中</translation>
    </message>
    <message>
        <source>Scan the location first to start counting it</source>
        <translation>请先扫描库位以开始盘点</translation>
    </message>
    <message>
        <source>Another counter is counting this location</source>
        <translation>另一位盘点员正在盘点此库位</translation>
    </message>
    <message>
        <source>This location is already counted</source>
        <translation>此库位已盘点完成</translation>
    </message>
    <message>
        <source>This item is not counted in this task or recount</source>
        <translation>此商品不在本次盘点或复盘范围内</translation>
    </message>
    <message>
        <source>A recount must be done by another counter</source>
        <translation>复盘须由另一位盘点员完成</translation>
    </message>
    <message>
        <source>Count line not found</source>
        <translation>盘点明细不存在</translation>
    </message>
    <message>
        <source>This variance is already decided</source>
        <translation>此差异已审核</translation>
    </message>
    <message>
        <source>This line has no variance to decide</source>
        <translation>此明细没有需要审核的差异</translation>
    </message>
    <message>
        <source>A variance must be decided by someone who did not count it</source>
        <translation>差异须由未参与该明细盘点的人员审核</translation>
    </message>
    <message>
        <source>Approve or reject every variance first</source>
        <translation>请先批准或驳回所有差异</translation>
    </message>
    <message>
        <source>More than expected beyond the tolerance: accept the over-receipt with a reason</source>
        <translation>超出预期数量且超过允差：请确认超收并选择原因</translation>
    </message>
    <message>
        <source>This item is not on the ASN: accept it with a reason</source>
        <translation>此商品不在到货通知单上：请确认收货并选择原因</translation>
    </message>
    <message>
        <source>More units are damaged than were received</source>
        <translation>破损数量多于收货数量</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>请选择原因</translation>
    </message>
    <message>
        <source>Not enough available stock to reserve for the order</source>
        <translation>可用库存不足，无法为订单预留</translation>
    </message>
    <message>
        <source>Not that much stock is reserved here</source>
        <translation>此处预留的库存没有这么多</translation>
    </message>
    <message>
        <source>More than is reserved for this pick</source>
        <translation>超出本次拣货的预留数量</translation>
    </message>
    <message>
        <source>More than was picked for the order and not packed yet</source>
        <translation>超出订单已拣未装箱的数量</translation>
    </message>
    <message>
        <source>The carton does not weigh what its contents should</source>
        <translation>箱重与箱内货品应有重量不符</translation>
    </message>
    <message>
        <source>Alert not found</source>
        <translation>预警不存在</translation>
    </message>
    <message>
        <source>You cannot grant a permission you do not hold</source>
        <translation>不能授予自己没有的权限</translation>
    </message>
    <message>
        <source>Role not found</source>
        <translation>角色不存在</translation>
    </message>
    <message>
        <source>This role code already exists</source>
        <translation>该角色代码已存在</translation>
    </message>
    <message>
        <source>This role is deactivated</source>
        <translation>该角色已停用</translation>
    </message>
    <message>
        <source>Wrong tote: this item goes into another one</source>
        <translation>周转箱不对：该商品应放入另一个周转箱</translation>
    </message>
    <message>
        <source>Another order being picked or packed is in this tote</source>
        <translation>该周转箱中已有另一个正在拣货或待打包的订单</translation>
    </message>
    <message>
        <source>More than was shipped on the order comes back</source>
        <translation>退回数量超过了订单已发货数量</translation>
    </message>
    <message>
        <source>More than is waiting at the receiving location to be put away</source>
        <translation>超过收货库位待上架的数量</translation>
    </message>
    <message>
        <source>Only CSV files are supported</source>
        <translation>仅支持CSV文件</translation>
    </message>
    <message>
        <source>The file lacks required columns</source>
        <translation>缺少必需列</translation>
    </message>
    <message>
        <source>A row lacks required values</source>
        <translation>行数据缺少值</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed</source>
        <translation>已取消：未做任何更改</translation>
    </message>
    <message>
        <source>the SKU still has stock</source>
        <translation>该 SKU 仍有库存</translation>
    </message>
    <message>
        <source>a product keeps at least one SKU</source>
        <translation>商品至少要保留一个 SKU</translation>
    </message>
    <message>
        <source>the balance already holds stock</source>
        <translation>该库存已有数量</translation>
    </message>
    <message>
        <source>here only a supervisor accepts an over-receipt</source>
        <translation>此处只有主管可以确认超收</translation>
    </message>
    <message>
        <source>your own role keeps managing users</source>
        <translation>自己的角色须保留用户管理权限</translation>
    </message>
    <message>
        <source>receiving, shipping and transfers need a clerk account</source>
        <translation>入库、出库和移库需要仓管员账号</translation>
    </message>
    <message>
        <source>stock counts and adjustments need a supervisor</source>
        <translation>盘点和库存调整需要主管权限</translation>
    </message>
    <message>
        <source>editing products needs a supervisor</source>
        <translation>编辑商品需要主管权限</translation>
    </message>
    <message>
        <source>editing locations needs a supervisor</source>
        <translation>编辑库位需要主管权限</translation>
    </message>
    <message>
        <source>managing users needs an administrator</source>
        <translation>管理用户需要管理员权限</translation>
    </message>
    <message>
        <source>creating, closing and cancelling documents needs a supervisor</source>
        <translation>创建、关闭和取消单据需要主管权限</translation>
    </message>
    <message>
        <source>confirming picks that were not scanned needs a supervisor</source>
        <translation>未扫描的拣货需由主管确认</translation>
    </message>
    <message>
        <source>approving counts needs a supervisor</source>
        <translation>审核盘点需要主管权限</translation>
    </message>
    <message>
        <source>unit weight</source>
        <translation>单件重量</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>批次 %1</translation>
    </message>
    <message>
        <source>without a batch</source>
        <translation>无批次</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 当前为%2</translation>
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
        <source>&amp;Create administrator</source>
        <translation>创建管理员(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Products with SKUs and barcodes</source>
        <translation>商品（含 SKU 和条码）</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Refuse the row</source>
        <translation>拒绝该行</translation>
    </message>
    <message>
        <source>Leave the record as it is</source>
        <translation>保持原记录不变</translation>
    </message>
    <message>
        <source>Update the record</source>
        <translation>更新该记录</translation>
    </message>
    <message>
        <source>Import from CSV</source>
        <translation>从 CSV 导入</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Existing &amp;records:</source>
        <translation>已有记录(&amp;R)：</translation>
    </message>
    <message>
        <source>a .csv file: UTF-8 (with or without BOM) or GB18030</source>
        <translation>.csv 文件：UTF-8（带或不带 BOM）或 GB18030</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>Check every row and list every error; nothing is written</source>
        <translation>检查每一行并列出全部错误；不写入任何数据</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Write every row, or none when any row is refused</source>
        <translation>写入全部行；只要有一行被拒绝则全部不写入</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>停止(&amp;P)</translation>
    </message>
    <message>
        <source>Save &amp;errors…</source>
        <translation>保存错误(&amp;E)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This file cannot be read as CSV text.</source>
        <translation>无法将该文件读取为 CSV 文本。</translation>
    </message>
    <message>
        <source>First %1 rows shown (%2). Check it, then import.</source>
        <translation>已显示前 %1 行（%2）。请先检查，再导入。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>%1 rows read (%2): %3 created, %4 updated, %5 skipped, %6 refused</source>
        <translation>已读取 %1 行（%2）：新建 %3，更新 %4，跳过 %5，拒绝 %6</translation>
    </message>
    <message>
        <source>Checked, nothing written.</source>
        <translation>检查完毕，未写入任何数据。</translation>
    </message>
    <message>
        <source>Checked, nothing written: every row can be imported.</source>
        <translation>检查完毕，未写入任何数据：所有行均可导入。</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Stopped: nothing of the file was written.</source>
        <translation>已停止：该文件的数据均未写入。</translation>
    </message>
    <message>
        <source>%1 rows refused: nothing of the file was written. The first: %2</source>
        <translation>%1 行被拒绝：该文件的数据均未写入。第一个错误：%2</translation>
    </message>
    <message>
        <source>Save errors</source>
        <translation>保存错误</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%1 refused rows saved to %2</source>
        <translation>已将 %1 个被拒绝的行保存到 %2</translation>
    </message>
    <message>
        <source>Your role does not allow importing.</source>
        <translation>您的角色无权导入。</translation>
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
    <name>LocationEditor</name>
    <message>
        <source>New location</source>
        <translation>新建库位</translation>
    </message>
    <message>
        <source>Edit location</source>
        <translation>编辑库位</translation>
    </message>
    <message>
        <source>Location &amp;code</source>
        <translation>库位编码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scan co&amp;de</source>
        <translation>扫描码(&amp;D)</translation>
    </message>
    <message>
        <source>e.g. 西8排1架6层4位 or A-01-02</source>
        <translation>例如 西8排1架6层4位 或 A-01-02</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>assigned: L and a number</source>
        <translation>自动分配：L 加数字</translation>
    </message>
    <message>
        <source>ASCII letters, digits and signs a barcode scanner can type; printed as Code 128 on the location label</source>
        <translation>扫码枪能输入的 ASCII 字母、数字和符号；以 Code 128 打印在库位标签上</translation>
    </message>
    <message>
        <source>&amp;Active (can receive stock)</source>
        <translation>启用（可入库）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
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
        <translation>存储区</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>收货区</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发货区</translation>
    </message>
    <message>
        <source>Damaged goods</source>
        <translation>残次品区</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退货区</translation>
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
        <source>Delete location %1?
Only a location that never held stock can be deleted; otherwise deactivate it.</source>
        <translation>删除库位 %1？
只有从未存放过库存的库位才能删除；否则请将其停用。</translation>
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
        <translation>退出登录(&amp;O)</translation>
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
        <source>Stock &amp;counts (%1)</source>
        <translation>盘点任务(&amp;C)（%1）</translation>
    </message>
    <message>
        <source>&amp;Pick list…</source>
        <translation>拣货单(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Receiving…</source>
        <translation>收货(&amp;R)…</translation>
    </message>
    <message>
        <source>Pac&amp;k station…</source>
        <translation>打包台(&amp;K)…</translation>
    </message>
    <message>
        <source>C&amp;ustomer returns…</source>
        <translation>客户退货(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Wave picking…</source>
        <translation>波次拣货(&amp;W)…</translation>
    </message>
    <message>
        <source>Your role does not allow this</source>
        <translation>您的角色无权执行此操作</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Roles…</source>
        <translation>角色(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Warehouses…</source>
        <translation>仓库(&amp;W)…</translation>
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
        <source>S&amp;can log…</source>
        <translation>扫描记录(&amp;C)…</translation>
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
        <source>The changed settings are used after you restart the app.</source>
        <translation>修改的设置在重新启动程序后生效。</translation>
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
        <source>Show all movements</source>
        <translation>显示全部出入库记录</translation>
    </message>
    <message>
        <source>%1: %2 now. Each row&apos;s After is this balance after the movement, down to how it began.</source>
        <translation>%1：当前 %2。每行的“结存”是该笔出入库后此库存的数量，一直追溯到最初。</translation>
    </message>
    <message>
        <source>%1: %2 now, the sum of these movements&apos; changes.</source>
        <translation>%1：当前 %2，即以下出入库变动之和。</translation>
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
    <name>NewCountDialog</name>
    <message>
        <source>New count task</source>
        <translation>新建盘点任务</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>编号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <source>Locations or &amp;items:</source>
        <translation>库位或商品(&amp;I)：</translation>
    </message>
    <message>
        <source>Zone (location code prefix)</source>
        <translation>区域（库位编码前缀）</translation>
    </message>
    <message>
        <source>Range of locations</source>
        <translation>库位区间</translation>
    </message>
    <message>
        <source>List of locations</source>
        <translation>库位清单</translation>
    </message>
    <message>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Next cycle: not counted for N days</source>
        <translation>循环盘点：N 天未盘的库位</translation>
    </message>
    <message>
        <source>e.g. A01-</source>
        <translation>例如 A01-</translation>
    </message>
    <message>
        <source>e.g. A01-01-01..A01-02-05</source>
        <translation>例如 A01-01-01..A01-02-05</translation>
    </message>
    <message>
        <source>codes separated by spaces or commas (scan labels into it)</source>
        <translation>以空格或逗号分隔的编码（可扫描标签录入）</translation>
    </message>
    <message>
        <source>SKU codes separated by spaces or commas</source>
        <translation>以空格或逗号分隔的 SKU 编码</translation>
    </message>
    <message>
        <source>days, e.g. 30</source>
        <translation>天数，例如 30</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Add an account for someone who works at these workstations. Clerks receive, ship and transfer; supervisors also count, adjust and edit products and locations; administrators also manage users.</source>
        <translation>为在这些工作站上工作的人员添加账号。仓管员可入库、出库和移库；主管还可盘点、调整库存以及编辑商品和库位；管理员还可管理用户。</translation>
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
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
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
        <source>Cr&amp;eate user</source>
        <translation>创建用户(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
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
        <source>&amp;Expiry</source>
        <translation>有效期(&amp;E)</translation>
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
        <source>YYYY-MM-DD, optional</source>
        <translation>YYYY-MM-DD，可选</translation>
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
        <source>Retry (F5)</source>
        <translation>重试 (F5)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>“%1” cannot be a batch number: scan the batch label again or type the batch.</source>
        <translation>“%1”不能作为批次号：请重新扫描批次标签或手动输入批次。</translation>
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
        <source>“%1” is not a quantity here (whole units only).</source>
        <translation>“%1”不是有效数量（只能输入整数件数）。</translation>
    </message>
    <message>
        <source>Large quantity</source>
        <translation>数量较大</translation>
    </message>
    <message>
        <source>Post %1 units? That is more than %2.</source>
        <translation>确认过账 %1 件？超过了 %2。</translation>
    </message>
    <message>
        <source>&amp;Post %1</source>
        <translation>过账 %1(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Do not post</source>
        <translation>不过账(&amp;D)</translation>
    </message>
    <message>
        <source>Not posted: check the quantity.</source>
        <translation>未过账：请检查数量。</translation>
    </message>
    <message>
        <source>Enter the expiry as YYYY-MM-DD, e.g. 2031-06-30.</source>
        <translation>请按 YYYY-MM-DD 格式输入有效期，例如 2031-06-30。</translation>
    </message>
    <message>
        <source>%1 is missing: scan or type it.</source>
        <translation>缺少%1：请扫描或输入。</translation>
    </message>
    <message>
        <source>The last posting is not settled yet: press Retry (F5) to finish it first.</source>
        <translation>上一笔过账尚未确定：请先按“重试 (F5)”完成它。</translation>
    </message>
    <message>
        <source>The database answers again: press Retry (F5) to finish the posting. It is never posted twice.</source>
        <translation>数据库已恢复响应：请按“重试 (F5)”完成这笔过账，不会重复过账。</translation>
    </message>
    <message>
        <source>The posting may or may not have been made. Retry (F5) settles it once the database answers: the same request is never posted twice.</source>
        <translation>这笔过账可能已完成，也可能没有。数据库恢复响应后按“重试 (F5)”即可确定：同一请求绝不会重复过账。</translation>
    </message>
    <message>
        <source>Nothing was posted. Retry (F5) posts it once the database answers.</source>
        <translation>未过账。数据库恢复响应后按“重试 (F5)”即可过账。</translation>
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
        <translation>变化量（+/−）(&amp;C)</translation>
    </message>
    <message>
        <source>%1 at %2: %3 → %4 (%5)</source>
        <translation>%1 @ %2：%3 → %4（%5）</translation>
    </message>
</context>
<context>
    <name>OrdersScreen</name>
    <message>
        <source>urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已下发预留</translation>
    </message>
    <message>
        <source>picked from a bin</source>
        <translation>从库位拣货</translation>
    </message>
    <message>
        <source>picking done</source>
        <translation>拣货完成</translation>
    </message>
    <message>
        <source>carton packed</source>
        <translation>已封一箱</translation>
    </message>
    <message>
        <source>packing done</source>
        <translation>装箱完成</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>出库订单</translation>
    </message>
    <message>
        <source>Order number or customer</source>
        <translation>订单号或客户</translation>
    </message>
    <message>
        <source>Urgent only</source>
        <translation>仅加急</translation>
    </message>
    <message>
        <source>Due to ship by today</source>
        <translation>今天及以前应发货</translation>
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
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>Backorder</source>
        <translation>缺货待发</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Release (Ctrl+R)</source>
        <translation>下发预留 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Cancel order (Ctrl+Shift+X)</source>
        <translation>取消订单 (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Pick (Ctrl+K)</source>
        <translation>拣货 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Pack and ship (Ctrl+J)</source>
        <translation>打包发货 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Customer return (Ctrl+U)</source>
        <translation>客户退货 (Ctrl+U)</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>未选择订单</translation>
    </message>
    <message>
        <source>Order %1 — %2</source>
        <translation>订单 %1 — %2</translation>
    </message>
    <message>
        <source>ship by %1</source>
        <translation>%1 前发货</translation>
    </message>
    <message>
        <source>Cartons</source>
        <translation>箱子</translation>
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
    <name>PackDialog</name>
    <message>
        <source>Pack station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <source>&amp;Order number</source>
        <translation>订单号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Weight (g)</source>
        <translation>重量（克）(&amp;W)</translation>
    </message>
    <message>
        <source>T&amp;are (g)</source>
        <translation>箱皮重（克）(&amp;A)</translation>
    </message>
    <message>
        <source>scan or type the order number</source>
        <translation>扫描或输入订单号</translation>
    </message>
    <message>
        <source>F9 takes the scale&apos;s weight</source>
        <translation>F9 读取电子秤重量</translation>
    </message>
    <message>
        <source>&amp;To pack (scan each item into the open carton)</source>
        <translation>待装箱（逐件扫描装入当前箱）(&amp;T)</translation>
    </message>
    <message>
        <source>Carto&amp;ns (scan each tracking label once packed)</source>
        <translation>箱子（装完后逐箱扫描运单号）(&amp;N)</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Left to pack</source>
        <translation>待装</translation>
    </message>
    <message>
        <source>In this carton</source>
        <translation>本箱</translation>
    </message>
    <message>
        <source>Carton</source>
        <translation>箱号</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Weight (g)</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <source>Expected (g)</source>
        <translation>应有重量（克）</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Close &amp;carton (F6)</source>
        <translation>封箱 (F6)(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Ship (F8)</source>
        <translation>发货 (F8)(&amp;S)</translation>
    </message>
    <message>
        <source>Carton labels (Ctrl+P)</source>
        <translation>箱标 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Packing list (Ctrl+Shift+P)</source>
        <translation>装箱单 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>New order (Ctrl+N)</source>
        <translation>新订单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>No %1 left to pack for this order.</source>
        <translation>此订单已没有待装箱的 %1。</translation>
    </message>
    <message>
        <source>Every carton has its tracking number: F8 ships the order.</source>
        <translation>每箱都已有运单号：按 F8 发货。</translation>
    </message>
    <message>
        <source>Carton %1: tracking number %2.</source>
        <translation>第 %1 箱：运单号 %2。</translation>
    </message>
    <message>
        <source>%1: scan each item into carton %2.</source>
        <translation>%1：逐件扫描装入第 %2 箱。</translation>
    </message>
    <message>
        <source>%1 is packed: scan the tracking labels, then F8 ships it.</source>
        <translation>%1 已装箱：扫描运单号后按 F8 发货。</translation>
    </message>
    <message>
        <source>%1 is shipped.</source>
        <translation>%1 已发货。</translation>
    </message>
    <message>
        <source>%1 is %2: nothing to pack here.</source>
        <translation>%1 状态为%2：此处无可装箱内容。</translation>
    </message>
    <message>
        <source>Scan the items of the carton first.</source>
        <translation>请先扫描本箱的商品。</translation>
    </message>
    <message>
        <source>Carton %1 packed (%2 g). %3</source>
        <translation>第 %1 箱已封箱（%2 克）。%3</translation>
    </message>
    <message>
        <source>%1 shipped: %2 cartons.</source>
        <translation>%1 已发货：共 %2 箱。</translation>
    </message>
    <message>
        <source>%1 carton labels</source>
        <translation>%1 张箱标</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Check the carton; Shift+F6 packs it anyway.</source>
        <translation>请检查箱子；确认无误可按 Shift+F6 仍然封箱。</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>Receive, ship and transfer stock</source>
        <translation>入库、出库和移库</translation>
    </message>
    <message>
        <source>Count and adjust stock</source>
        <translation>盘点和调整库存</translation>
    </message>
    <message>
        <source>Approve and post counts</source>
        <translation>审核并过账盘点</translation>
    </message>
    <message>
        <source>Edit products</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <source>Edit locations</source>
        <translation>编辑库位</translation>
    </message>
    <message>
        <source>Plan, close and cancel documents</source>
        <translation>创建、关闭和取消单据</translation>
    </message>
    <message>
        <source>Confirm picks that were not scanned</source>
        <translation>确认未扫描的拣货</translation>
    </message>
    <message>
        <source>Manage users, roles and warehouses</source>
        <translation>管理用户、角色和仓库</translation>
    </message>
</context>
<context>
    <name>PickDialog</name>
    <message>
        <source>&amp;Order number</source>
        <translation>订单号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Item</source>
        <translation>商品(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>scan or type the order number</source>
        <translation>扫描或输入订单号</translation>
    </message>
    <message>
        <source>SKU code, product code or barcode</source>
        <translation>SKU 编码、商品编码或条码</translation>
    </message>
    <message>
        <source>Order &amp;lines (Delete removes one)</source>
        <translation>订单行(&amp;L)（按 Delete 删除一行）</translation>
    </message>
    <message>
        <source>Picks in &amp;walking order (scan location, then SKU)</source>
        <translation>按路线拣货(&amp;W)（先扫库位，再扫 SKU）</translation>
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
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
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
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Print &amp;to:</source>
        <translation>打印到(&amp;T)：</translation>
    </message>
    <message>
        <source>Reci&amp;pient:</source>
        <translation>收货人(&amp;P)：</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>Pac&amp;king location:</source>
        <translation>打包位(&amp;K)：</translation>
    </message>
    <message>
        <source>where this station&apos;s picks go</source>
        <translation>本工位拣货送达的库位</translation>
    </message>
    <message>
        <source>Save to %1</source>
        <translation>保存到 %1</translation>
    </message>
    <message>
        <source>Printer %1</source>
        <translation>打印机 %1</translation>
    </message>
    <message>
        <source>Bin short (F7)</source>
        <translation>库位缺货 (F7)</translation>
    </message>
    <message>
        <source>%1 picks are not scanned: scan each location, then the SKU picked there. Confirming picks without scanning needs a supervisor.</source>
        <translation>有 %1 条拣货未扫描：请逐个扫描库位，再扫描在该库位拣出的 SKU。不扫描直接确认拣货需由主管操作。</translation>
    </message>
    <message>
        <source>Confirm without scanning</source>
        <translation>不扫描直接确认</translation>
    </message>
    <message>
        <source>%1 picks were not scanned. Ship them as planned, without a scan?</source>
        <translation>有 %1 条拣货未扫描。确定不扫描、按计划直接出库吗？</translation>
    </message>
    <message>
        <source>Ship %1 &amp;unscanned picks</source>
        <translation>出库 %1 条未扫描的拣货(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Back to scanning</source>
        <translation>返回扫描(&amp;B)</translation>
    </message>
    <message>
        <source>All %1 picks done: %2 units of %3 at %4 for packing.</source>
        <translation>%1 个拣货任务全部完成：%3 的 %2 件已送至 %4 待打包。</translation>
    </message>
    <message>
        <source>Print pick list (Ctrl+P)</source>
        <translation>打印拣货单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Packing list (Ctrl+Shift+P)</source>
        <translation>装箱单 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Confirm all (Ctrl+Enter)</source>
        <translation>全部确认 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>New order (Ctrl+N)</source>
        <translation>新订单 (Ctrl+N)</translation>
    </message>
    <message>
        <source>to pick</source>
        <translation>待拣</translation>
    </message>
    <message>
        <source>posting…</source>
        <translation>过账中…</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Scan or type the order number first.</source>
        <translation>请先扫描或输入订单号。</translation>
    </message>
    <message>
        <source>Add at least one line: scan an item and its quantity.</source>
        <translation>请至少添加一行：扫描商品并输入数量。</translation>
    </message>
    <message>
        <source>Nothing to pick: no pick list.</source>
        <translation>没有要拣的货：尚无拣货单。</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <source>Create order (F5)</source>
        <translation>创建订单 (F5)</translation>
    </message>
    <message>
        <source>The pick list appears here once the order is open.</source>
        <translation>打开订单后在此显示拣货单。</translation>
    </message>
    <message>
        <source>Open the order (scan its number) before scanning locations.</source>
        <translation>请先打开订单（扫描订单号），再扫描库位。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Creating and reserving %1…</source>
        <translation>正在创建并预留 %1…</translation>
    </message>
    <message>
        <source>%1 is a new order: scan its items and quantities, then F5.</source>
        <translation>%1 是新订单：请扫描商品和数量，然后按 F5。</translation>
    </message>
    <message>
        <source>Nothing left to pick for %1.</source>
        <translation>%1 已没有待拣货内容。</translation>
    </message>
    <message>
        <source>%1 of %2 lines are backordered (%3 units short); the short lines are red.</source>
        <translation>%2 行中有 %1 行缺货待发（缺 %3 件）；缺货行以红色显示。</translation>
    </message>
    <message>
        <source>%1: %2 picks, %3 units. Scan a location, then the SKU picked there.</source>
        <translation>%1：%2 个拣货任务，共 %3 件。先扫描库位，再扫描在该处拣取的 SKU。</translation>
    </message>
    <message>
        <source>Packing list</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Nothing left to pick at %1.</source>
        <translation>%1 已没有待拣的货。</translation>
    </message>
    <message>
        <source>At %1: scan the SKU you picked.</source>
        <translation>在 %1：请扫描您拣取的 SKU。</translation>
    </message>
    <message>
        <source>Scan the location first, then the SKU picked there.</source>
        <translation>请先扫描库位，再扫描在该库位拣取的 SKU。</translation>
    </message>
    <message>
        <source>%1 is not to be picked at %2.</source>
        <translation>%1 不应在 %2 拣货。</translation>
    </message>
    <message>
        <source>Enter this station&apos;s packing location first: the picks go there.</source>
        <translation>请先填写本工位的打包位：拣出的商品送到那里。</translation>
    </message>
    <message>
        <source>%1 at %2: %3 → %4</source>
        <translation>%1 @ %2：%3 → %4</translation>
    </message>
    <message>
        <source>The database answers again: Ctrl+Enter confirms the %1 picks that did not go through (none is posted twice).</source>
        <translation>数据库已恢复响应：按 Ctrl+Enter 确认未完成的 %1 个拣货（不会重复过账）。</translation>
    </message>
    <message>
        <source>Wait until the posting or printing in progress has finished.</source>
        <translation>请等待正在进行的过账或打印完成。</translation>
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
        <source>No preview: nothing to print.</source>
        <translation>无预览：没有可打印的内容。</translation>
    </message>
    <message>
        <source>The first label is previewed here.</source>
        <translation>此处预览第一张标签。</translation>
    </message>
    <message>
        <source>Nothing to print: %1 — %2</source>
        <translation>没有可打印的内容：%1 — %2</translation>
    </message>
    <message>
        <source>Nothing to print: %1</source>
        <translation>没有可打印的内容：%1</translation>
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
        <source>No preview: see the error below.</source>
        <translation>无预览：请查看下方的错误。</translation>
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
    <name>PrinterSettings</name>
    <message>
        <source>%1 × %2 mm, %3 dpi</source>
        <translation>%1 × %2 mm，%3 dpi</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsPage</name>
    <message>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>Pick and packing lists</source>
        <translation>拣货单和装箱单</translation>
    </message>
    <message>
        <source>Label &amp;printer:</source>
        <translation>标签打印机(&amp;P)：</translation>
    </message>
    <message>
        <source>Label printer &amp;address:</source>
        <translation>标签打印机地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Label si&amp;ze:</source>
        <translation>标签尺寸(&amp;Z)：</translation>
    </message>
    <message>
        <source>Label &amp;format:</source>
        <translation>标签格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Label f&amp;older:</source>
        <translation>标签文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Document printer:</source>
        <translation>单据打印机(&amp;D)：</translation>
    </message>
    <message>
        <source>Document printer add&amp;ress:</source>
        <translation>单据打印机地址(&amp;R)：</translation>
    </message>
    <message>
        <source>Pap&amp;er:</source>
        <translation>纸张(&amp;E)：</translation>
    </message>
    <message>
        <source>Document fo&amp;lder:</source>
        <translation>单据文件夹(&amp;L)：</translation>
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
        <source>A4 sheet</source>
        <translation>A4 纸</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>80 mm 小票卷纸</translation>
    </message>
    <message>
        <source>&amp;Test print</source>
        <translation>测试打印(&amp;T)</translation>
    </message>
    <message>
        <source>None: save to files</source>
        <translation>无：保存为文件</translation>
    </message>
    <message>
        <source>Network printer (raw TCP)</source>
        <translation>网络打印机（原始 TCP）</translation>
    </message>
    <message>
        <source>System print queue (CUPS)</source>
        <translation>系统打印队列（CUPS）</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows 打印机</translation>
    </message>
    <message>
        <source>host or host:port, e.g. 10.1.2.3:9100</source>
        <translation>主机[:端口]，例如 10.1.2.3:9100</translation>
    </message>
    <message>
        <source>queue name, e.g. zebra_zd421</source>
        <translation>队列名称，例如 zebra_zd421</translation>
    </message>
    <message>
        <source>printer name as shown in Windows</source>
        <translation>Windows 中显示的打印机名称</translation>
    </message>
    <message>
        <source>The label printer&apos;s address is not usable: %1</source>
        <translation>标签打印机地址无法使用：%1</translation>
    </message>
    <message>
        <source>The document printer&apos;s address is not usable: %1</source>
        <translation>单据打印机地址无法使用：%1</translation>
    </message>
    <message>
        <source>Sending a test label…</source>
        <translation>正在发送测试标签…</translation>
    </message>
    <message>
        <source>Test label sent to %1</source>
        <translation>测试标签已发送到 %1</translation>
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
        <source>The labels or list could not be drawn: the drawing process stopped or timed out</source>
        <translation>标签或单据未能生成：绘制进程已停止或超时</translation>
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
    <name>ProductEditor</name>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <source>Product &amp;code</source>
        <translation>商品编码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>C&amp;ategory</source>
        <translation>分类(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Low stock alert</source>
        <translation>库存下限预警(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;High stock alert</source>
        <translation>库存上限预警(&amp;H)</translation>
    </message>
    <message>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>图片(&amp;I)</translation>
    </message>
    <message>
        <source>Has colours and sizes</source>
        <translation>有颜色和尺码</translation>
    </message>
    <message>
        <source>e.g. 129092 (no &quot;-&quot;)</source>
        <translation>例如 129092（不含“-”）</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <source>SKUs: colours × sizes</source>
        <translation>SKU：颜色 × 尺码</translation>
    </message>
    <message>
        <source>A product without colours and sizes has one SKU, its product code.</source>
        <translation>没有颜色和尺码的商品只有一个 SKU，即其商品编码。</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S) (Ctrl+S)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Product image</source>
        <translation>商品图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>%1 is not a picture this app can read.</source>
        <translation>%1 不是本程序能读取的图片。</translation>
    </message>
    <message>
        <source>%1 is not in this workstation&apos;s images folder.</source>
        <translation>%1 不在本工作站的图片文件夹中。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>%1 is already the barcode of %2.</source>
        <translation>%1 已是 %2 的条码。</translation>
    </message>
    <message>
        <source>%1 still holds %2 in stock: move or ship it first, or tick it again.</source>
        <translation>%1 仍有 %2 件库存：请先移库或出库，或重新勾选。</translation>
    </message>
    <message>
        <source>A product keeps at least one SKU: delete the product instead.</source>
        <translation>商品至少要保留一个 SKU：如需全部删除，请删除该商品。</translation>
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
        <source>Delete product %1 %2?
It must have no stock. Its history stays in the ledger.</source>
        <translation>删除商品 %1 %2？
该商品必须没有库存。其历史记录仍保留在出入库记录中。</translation>
    </message>
    <message>
        <source>Deleted product %1.</source>
        <translation>已删除商品 %1。</translation>
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
    <name>ReasonDialog</name>
    <message>
        <source>Supplier sent more</source>
        <translation>供应商多发</translation>
    </message>
    <message>
        <source>Substitute item</source>
        <translation>替代品</translation>
    </message>
    <message>
        <source>Free goods</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Damaged in transit</source>
        <translation>运输途中损坏</translation>
    </message>
    <message>
        <source>Packaging damaged</source>
        <translation>包装破损</translation>
    </message>
    <message>
        <source>Supplier sent less</source>
        <translation>供应商少发</translation>
    </message>
    <message>
        <source>Back-ordered</source>
        <translation>待补货</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Receive &amp;anyway</source>
        <translation>仍然收货(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Drop this scan</source>
        <translation>放弃此次扫描(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ReceivingDialog</name>
    <message>
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>&amp;ASN number</source>
        <translation>到货通知单号(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Item</source>
        <translation>商品(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>数量(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批次(&amp;B)</translation>
    </message>
    <message>
        <source>E&amp;xpiry</source>
        <translation>有效期(&amp;X)</translation>
    </message>
    <message>
        <source>Receiving lo&amp;cation</source>
        <translation>收货库位(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Units per label</source>
        <translation>每张标签件数(&amp;U)</translation>
    </message>
    <message>
        <source>scan the ASN, or Ctrl+B for a blind receipt</source>
        <translation>扫描到货通知单，或按 Ctrl+B 进行盲收</translation>
    </message>
    <message>
        <source>SKU code, barcode or GS1 label</source>
        <translation>SKU 编码、条码或 GS1 标签</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>the warehouse&apos;s receiving location</source>
        <translation>仓库的收货库位</translation>
    </message>
    <message>
        <source>&amp;Lines</source>
        <translation>明细(&amp;L)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
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
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Blind receipt (Ctrl+B)</source>
        <translation>盲收 (Ctrl+B)</translation>
    </message>
    <message>
        <source>Damaged (F8)</source>
        <translation>破损 (F8)</translation>
    </message>
    <message>
        <source>Print labels (Ctrl+L)</source>
        <translation>打印标签 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Finish receiving (Ctrl+F)</source>
        <translation>完成收货 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Back to receiving (F6)</source>
        <translation>返回收货 (F6)</translation>
    </message>
    <message>
        <source>Put away (F6)</source>
        <translation>上架 (F6)</translation>
    </message>
    <message>
        <source>Putaway list (Ctrl+P)</source>
        <translation>上架单 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Putawa&amp;y tasks</source>
        <translation>上架任务(&amp;Y)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源库位</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待上架</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议库位</translation>
    </message>
    <message>
        <source>No ASN with the number %1.</source>
        <translation>没有单号为 %1 的到货通知单。</translation>
    </message>
    <message>
        <source>Wait until the receipts in progress have posted.</source>
        <translation>请等待正在进行的收货过账完成。</translation>
    </message>
    <message>
        <source>%1 is %2: there is nothing to receive or put away.</source>
        <translation>%1 状态为%2：没有可收货或上架的内容。</translation>
    </message>
    <message>
        <source>Scan an item to put away, then the shelf (Enter: the suggested one).</source>
        <translation>扫描要上架的商品，再扫描货架（回车：使用建议库位）。</translation>
    </message>
    <message>
        <source>Scan the items that arrived.</source>
        <translation>请扫描到货的商品。</translation>
    </message>
    <message>
        <source>Putaway list</source>
        <translation>上架单</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>%1 received: %2 units.</source>
        <translation>%1 已收货：共 %2 件。</translation>
    </message>
    <message>
        <source>Scan the ASN first, or Ctrl+B for a blind receipt.</source>
        <translation>请先扫描到货通知单，或按 Ctrl+B 进行盲收。</translation>
    </message>
    <message>
        <source>Write the expiry as YYYY-MM-DD.</source>
        <translation>有效期请写成 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Scan the item and enter the damaged quantity first.</source>
        <translation>请先扫描商品并输入破损数量。</translation>
    </message>
    <message>
        <source>Damaged goods</source>
        <translation>破损商品</translation>
    </message>
    <message>
        <source>Receive %1 × %2 as damaged?</source>
        <translation>将 %1 × %2 作为破损品收货？</translation>
    </message>
    <message>
        <source>%1: %2 received (%3 in all)</source>
        <translation>%1：收货 %2（累计 %3）</translation>
    </message>
    <message>
        <source>Over-receipt</source>
        <translation>超收</translation>
    </message>
    <message>
        <source>%1 is more than the ASN allows. Receive it anyway?</source>
        <translation>%1 超出到货通知单允许的数量。仍然收货吗？</translation>
    </message>
    <message>
        <source>Not on the ASN</source>
        <translation>不在到货通知单上</translation>
    </message>
    <message>
        <source>%1 is not on the ASN. Receive it anyway?</source>
        <translation>%1 不在到货通知单上。仍然收货吗？</translation>
    </message>
    <message>
        <source>Why is %1 damaged?</source>
        <translation>%1 为什么破损？</translation>
    </message>
    <message>
        <source>Scan dropped: nothing was received.</source>
        <translation>已放弃此次扫描：未收货。</translation>
    </message>
    <message>
        <source>Everything received has been put away.</source>
        <translation>已收货物已全部上架。</translation>
    </message>
    <message>
        <source>Nothing of %1 waits to be put away.</source>
        <translation>%1 没有待上架的数量。</translation>
    </message>
    <message>
        <source>%1 × %2: scan the shelf (suggested: %3).</source>
        <translation>%1 × %2：请扫描货架（建议：%3）。</translation>
    </message>
    <message>
        <source>Scan the item first, then the shelf.</source>
        <translation>请先扫描商品，再扫描货架。</translation>
    </message>
    <message>
        <source>%1 × %2 put away at %3.</source>
        <translation>%1 × %2 已上架到 %3。</translation>
    </message>
    <message>
        <source>No ASN open.</source>
        <translation>未打开到货通知单。</translation>
    </message>
    <message>
        <source>%1 units received</source>
        <translation>已收 %1 件</translation>
    </message>
    <message>
        <source>%1 of %2 units received</source>
        <translation>已收 %1 / %2 件</translation>
    </message>
    <message>
        <source>blind receipt</source>
        <translation>盲收</translation>
    </message>
    <message>
        <source>blind mode</source>
        <translation>盲收模式</translation>
    </message>
</context>
<context>
    <name>ReceivingScreen</name>
    <message>
        <source>ASN</source>
        <translation>到货通知单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到货日期</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>ASN number, supplier or SKU code</source>
        <translation>到货通知单号、供应商或 SKU 编码</translation>
    </message>
    <message>
        <source>Clo&amp;se ASN…</source>
        <translation>关闭到货通知单(&amp;S)…</translation>
    </message>
    <message>
        <source>Receiving &amp;report</source>
        <translation>收货报告(&amp;R)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
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
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Short / over</source>
        <translation>短缺 / 超收</translation>
    </message>
    <message>
        <source>No ASN selected</source>
        <translation>未选择到货通知单</translation>
    </message>
    <message>
        <source>PO %1</source>
        <translation>采购单 %1</translation>
    </message>
    <message>
        <source>arrival %1</source>
        <translation>到货 %1</translation>
    </message>
    <message>
        <source>%1 units received</source>
        <translation>已收 %1 件</translation>
    </message>
    <message>
        <source>blind</source>
        <translation>盲收</translation>
    </message>
    <message>
        <source>Receiving report sent (%1)</source>
        <translation>收货报告已发送（%1）</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Customer return</source>
        <translation>客户退货</translation>
    </message>
    <message>
        <source>&amp;Order number</source>
        <translation>订单号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Disposition</source>
        <translation>处理方式(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Location</source>
        <translation>库位(&amp;L)</translation>
    </message>
    <message>
        <source>back to stock</source>
        <translation>退回库存</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>残次</translation>
    </message>
    <message>
        <source>scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>scan the shipped order&apos;s number</source>
        <translation>扫描已发货订单的订单号</translation>
    </message>
    <message>
        <source>the returns area unless one is scanned</source>
        <translation>不扫描则放入退货区</translation>
    </message>
    <message>
        <source>&amp;Shipped and returned</source>
        <translation>已发货与已退回(&amp;S)</translation>
    </message>
    <message>
        <source>Received &amp;back (scan each item)</source>
        <translation>已收回（逐件扫描）(&amp;B)</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Close return (F6)</source>
        <translation>完成退货 (F6)</translation>
    </message>
    <message>
        <source>Return %1 of %2: scan each item that came back.</source>
        <translation>退货单 %1（订单 %2）：逐件扫描退回的商品。</translation>
    </message>
    <message>
        <source>Nothing of %1 to take back on this order.</source>
        <translation>此订单没有可退回的 %1。</translation>
    </message>
    <message>
        <source>%1 × %2: %3</source>
        <translation>%1 × %2：%3</translation>
    </message>
    <message>
        <source>Return %1 closed.</source>
        <translation>退货单 %1 已完成。</translation>
    </message>
</context>
<context>
    <name>RoleEditor</name>
    <message>
        <source>Edit role</source>
        <translation>编辑角色</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>代码(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Enter a code.</source>
        <translation>请输入代码。</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Clerk</source>
        <translation>仓管员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>&amp;New role…</source>
        <translation>新建角色(&amp;N)…</translation>
    </message>
    <message>
        <source>Co&amp;py…</source>
        <translation>复制(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Switch &amp;off</source>
        <translation>停用(&amp;O)</translation>
    </message>
    <message>
        <source>Switch &amp;on</source>
        <translation>启用(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ScanLog</name>
    <message>
        <source>Taken by the dialog %1</source>
        <translation>由对话框“%1”接收</translation>
    </message>
    <message>
        <source>Taken by the screen %1</source>
        <translation>由界面“%1”接收</translation>
    </message>
    <message>
        <source>Opened its document</source>
        <translation>已打开其单据</translation>
    </message>
    <message>
        <source>Not taken: unknown here</source>
        <translation>未接收：此处未知</translation>
    </message>
    <message>
        <source>Not taken: the lookup failed</source>
        <translation>未接收：查询失败</translation>
    </message>
    <message>
        <source>Refused: read in a window that takes no scans</source>
        <translation>已拒绝：在不接收扫描的窗口中读取</translation>
    </message>
</context>
<context>
    <name>ScanLogDialog</name>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>GS1 label</source>
        <translation>GS1 标签</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>(not shown)</source>
        <translation>（不显示）</translation>
    </message>
    <message>
        <source>Scan log</source>
        <translation>扫描记录</translation>
    </message>
    <message>
        <source>The last %1 scans at this workstation, newest first (kept until the app closes).</source>
        <translation>本工作站最近 %1 次扫描，最新的在前（保留到程序关闭）。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>扫描内容</translation>
    </message>
    <message>
        <source>Is</source>
        <translation>识别为</translation>
    </message>
    <message>
        <source>Went to</source>
        <translation>去向</translation>
    </message>
</context>
<context>
    <name>Scanner</name>
    <message>
        <source>Scans are not taken in this window. Close it first, then scan again.</source>
        <translation>此窗口不接受扫码。请先关闭它，再重新扫码。</translation>
    </message>
    <message>
        <source>Unknown code: %1</source>
        <translation>未知条码：%1</translation>
    </message>
    <message>
        <source>%1 is not used here</source>
        <translation>此处用不到 %1</translation>
    </message>
    <message>
        <source>Location %1</source>
        <translation>库位 %1</translation>
    </message>
</context>
<context>
    <name>ScannerTestPage</name>
    <message>
        <source>Scanner test</source>
        <translation>扫描枪测试</translation>
    </message>
    <message>
        <source>Click the box below and scan a test label: you see exactly what the scanner sent. Then apply the framing it suggests to the Workstation tab and save.</source>
        <translation>点击下面的方框并扫描一张测试标签，即可看到扫描枪实际发送的内容。然后把建议的前后缀设置应用到“工作站”页并保存。</translation>
    </message>
    <message>
        <source>Characters:</source>
        <translation>字符：</translation>
    </message>
    <message>
        <source>Prefix:</source>
        <translation>前缀：</translation>
    </message>
    <message>
        <source>Suffix:</source>
        <translation>后缀：</translation>
    </message>
    <message>
        <source>AIM identifier:</source>
        <translation>AIM 标识符：</translation>
    </message>
    <message>
        <source>Timing:</source>
        <translation>按键间隔：</translation>
    </message>
    <message>
        <source>Chinese / UTF-8:</source>
        <translation>中文 / UTF-8：</translation>
    </message>
    <message>
        <source>Suggested mode:</source>
        <translation>建议模式：</translation>
    </message>
    <message>
        <source>Appl&amp;y to the Workstation tab</source>
        <translation>应用到“工作站”页(&amp;Y)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 keys, %2–%3 ms apart (median %4 ms)</source>
        <translation>%1 次按键，间隔 %2–%3 毫秒（中位数 %4 毫秒）</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 次按键</translation>
    </message>
    <message>
        <source>Chinese arrived: this scanner types UTF-8</source>
        <translation>收到了中文：此扫描枪能输入 UTF-8</translation>
    </message>
    <message>
        <source>ASCII only</source>
        <translation>仅 ASCII</translation>
    </message>
    <message>
        <source>prefix/suffix: prefix %1, suffix %2</source>
        <translation>前后缀模式：前缀 %1，后缀 %2</translation>
    </message>
    <message>
        <source>timing: the scanner sends no suffix; scans are told from typing by their speed</source>
        <translation>计时模式：扫描枪不发送后缀，按输入速度区分扫描与手工输入</translation>
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
        <translation>数据库版本比当前程序旧。需要管理员先备份，再运行“wms-desktop db upgrade”。</translation>
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
    <name>Screen</name>
    <message>
        <source>&amp;Print labels…</source>
        <translation>打印标签(&amp;P)…</translation>
    </message>
    <message>
        <source>Print labels for the selection (Ctrl+P)</source>
        <translation>为所选内容打印标签 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Histor&amp;y…</source>
        <translation>变更记录(&amp;Y)…</translation>
    </message>
    <message>
        <source>Who changed the current row, and how</source>
        <translation>当前行由谁、如何修改过</translation>
    </message>
</context>
<context>
    <name>Sensors</name>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Humidity</source>
        <translation>湿度</translation>
    </message>
    <message>
        <source>no limits</source>
        <translation>无限值</translation>
    </message>
    <message>
        <source>%1 %2 %3: above %4</source>
        <translation>%1 %2 %3：高于 %4</translation>
    </message>
    <message>
        <source>%1 %2 %3: below %4</source>
        <translation>%1 %2 %3：低于 %4</translation>
    </message>
</context>
<context>
    <name>SensorsScreen</name>
    <message>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Too high: above %1</source>
        <translation>过高：高于 %1</translation>
    </message>
    <message>
        <source>Too low: below %1</source>
        <translation>过低：低于 %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>No MQTT broker is set up for this workstation (File → Settings → Scale &amp; sensors).</source>
        <translation>本工作站未设置 MQTT 服务器（文件 → 设置 → 电子秤与传感器）。</translation>
    </message>
    <message>
        <source>The scale and sensor settings cannot be used: %1</source>
        <translation>电子秤和传感器设置无法使用：%1</translation>
    </message>
    <message>
        <source>%1 sensors, %2 alerts</source>
        <translation>%1 个传感器，%2 条报警</translation>
    </message>
    <message>
        <source>broker not connected, showing the last values received</source>
        <translation>未连接 MQTT 服务器，显示最后收到的数值</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>限值</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Measured at</source>
        <translation>测量时间</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>距今</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Workstation settings</source>
        <translation>工作站设置</translation>
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
        <source>The other settings were saved, but a password could not be stored in the system keyring.</source>
        <translation>其他设置已保存，但有密码无法存入系统密钥环。</translation>
    </message>
    <message>
        <source>No system keyring is available, so the password cannot be saved. Install a keyring service (for example GNOME Keyring or KWallet).</source>
        <translation>没有可用的系统密钥环，因此无法保存密码。请安装密钥环服务（例如 GNOME Keyring 或 KWallet）。</translation>
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
        <source>This workstation&apos;s own database has no products yet. Fill it with demo data (apparel, locations and stock) to try the app?</source>
        <translation>本工作站的内置数据库还没有商品。是否填入演示数据（服装商品、库位和库存）来试用程序？</translation>
    </message>
</context>
<context>
    <name>SkuEditors</name>
    <message>
        <source>Type a name first.</source>
        <translation>请先输入名称。</translation>
    </message>
    <message>
        <source>A colour or size cannot contain &quot;-&quot; (it separates the parts of a SKU code).</source>
        <translation>颜色或尺码不能包含“-”（它用于分隔 SKU 编码的各部分）。</translation>
    </message>
    <message>
        <source>At most %1 characters.</source>
        <translation>最多 %1 个字符。</translation>
    </message>
    <message>
        <source>%1 is already in the grid.</source>
        <translation>%1 已在表格中。</translation>
    </message>
    <message>
        <source>C&amp;olour</source>
        <translation>颜色(&amp;O)</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>尺码(&amp;Z)</translation>
    </message>
    <message>
        <source>e.g. 黑色, then Enter</source>
        <translation>例如 黑色，然后按 Enter</translation>
    </message>
    <message>
        <source>e.g. XL, then Enter</source>
        <translation>例如 XL，然后按 Enter</translation>
    </message>
    <message>
        <source>Add colour</source>
        <translation>添加颜色</translation>
    </message>
    <message>
        <source>Add size</source>
        <translation>添加尺码</translation>
    </message>
    <message>
        <source>Ticked = a SKU; the number is its stock. Space ticks or unticks; green = new, red = will be deleted.</source>
        <translation>勾选即为一个 SKU，数字为其库存。空格键勾选或取消；绿色 = 新增，红色 = 将删除。</translation>
    </message>
    <message>
        <source>will be deleted</source>
        <translation>将删除</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Unit &amp;weight</source>
        <translation>单件重量(&amp;W)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>&amp;Barcodes (external codes)</source>
        <translation>外部条码(&amp;B)</translation>
    </message>
    <message>
        <source>scan or type a barcode, then Enter</source>
        <translation>扫描或输入条码，然后按 Enter</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>SKU %1 · scan code %2</source>
        <translation>SKU %1 · 扫描码 %2</translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation>SKU %1</translation>
    </message>
    <message>
        <source>SKU: tick a cell of the grid</source>
        <translation>SKU：请在表格中勾选</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 已在列表中。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>%1 sensor alerts</source>
        <translation>%1 条传感器报警</translation>
    </message>
    <message>
        <source>%1 alerts</source>
        <translation>%1 条预警</translation>
    </message>
    <message>
        <source>%1 not acknowledged</source>
        <translation>%1 条未确认</translation>
    </message>
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
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>响应慢</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>answers in %1 ms</source>
        <translation>响应时间 %1 毫秒</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>StockAsOfDialog</name>
    <message>
        <source>Stock as of a past moment</source>
        <translation>某一时刻的库存</translation>
    </message>
    <message>
        <source>SKU code (all when empty)</source>
        <translation>SKU 编码（留空为全部）</translation>
    </message>
    <message>
        <source>Location code (all when empty)</source>
        <translation>库位编码（留空为全部）</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
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
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Rebuilding from the ledger…</source>
        <translation>正在根据出入库记录重建…</translation>
    </message>
    <message>
        <source>%1 units in %2 balances, as the ledger had them then</source>
        <translation>按当时的出入库记录：%2 条库存，共 %1 件</translation>
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
        <source>New stock since: F5 lists it</source>
        <translation>有新库存：按 F5 刷新显示</translation>
    </message>
    <message>
        <source>&amp;As of…</source>
        <translation>历史库存(&amp;A)…</translation>
    </message>
    <message>
        <source>Stock at a past moment, rebuilt from the ledger</source>
        <translation>根据出入库记录重建某一时刻的库存</translation>
    </message>
    <message>
        <source>&amp;Movements…</source>
        <translation>出入库记录(&amp;M)…</translation>
    </message>
    <message>
        <source>The movements that make up the current row&apos;s quantity (or double-click a row or a total)</source>
        <translation>构成当前行数量的出入库记录（也可双击某行或合计）</translation>
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
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
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
    <name>TransferDialog</name>
    <message>
        <source>Transfer (move stock)</source>
        <translation>移库</translation>
    </message>
</context>
<context>
    <name>UserRoleDialog</name>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>&amp;Role of %1:</source>
        <translation>%1 的角色(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>UserWarehousesDialog</name>
    <message>
        <source>Warehouses of %1</source>
        <translation>%1 的仓库</translation>
    </message>
    <message>
        <source>&amp;May work in:</source>
        <translation>可工作的仓库(&amp;M):</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation>新建用户(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Warehouses…</source>
        <translation>仓库(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Role…</source>
        <translation>角色(&amp;R)…</translation>
    </message>
    <message>
        <source>Histor&amp;y…</source>
        <translation>变更记录(&amp;Y)…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Switch &amp;off</source>
        <translation>停用(&amp;O)</translation>
    </message>
    <message>
        <source>Switch &amp;on</source>
        <translation>启用(&amp;O)</translation>
    </message>
</context>
<context>
    <name>WarehousesDialog</name>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>新增(&amp;A)</translation>
    </message>
    <message>
        <source>A new warehouse with this code and name (and its 无货位)</source>
        <translation>用此编码和名称新建仓库（含其无货位）</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>改名(&amp;R)</translation>
    </message>
    <message>
        <source>Give the selected warehouse this name</source>
        <translation>将所选仓库改为此名称</translation>
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
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>未解除</translation>
    </message>
    <message>
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Switch &amp;on</source>
        <translation>启用(&amp;O)</translation>
    </message>
    <message>
        <source>Switch o&amp;ff</source>
        <translation>停用(&amp;F)</translation>
    </message>
    <message>
        <source>This workstation works in this warehouse</source>
        <translation>本工作站正在此仓库工作</translation>
    </message>
</context>
<context>
    <name>WaveDialog</name>
    <message>
        <source>Wave picking</source>
        <translation>波次拣货</translation>
    </message>
    <message>
        <source>&amp;Order number</source>
        <translation>订单号(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Tote</source>
        <translation>周转箱(&amp;T)</translation>
    </message>
    <message>
        <source>scan each order of the wave</source>
        <translation>逐个扫描本波次的订单</translation>
    </message>
    <message>
        <source>scan its tote, or Enter for the next slot</source>
        <translation>扫描其周转箱，或按 Enter 使用下一个格口号</translation>
    </message>
    <message>
        <source>O&amp;rders of the wave</source>
        <translation>本波次订单(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Picks in walking order (scan location, item, then tote)</source>
        <translation>按路线拣货(&amp;P)（先扫库位，再扫商品，最后扫周转箱）</translation>
    </message>
    <message>
        <source>Tote</source>
        <translation>周转箱</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Picks</source>
        <translation>拣货数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
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
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Start the walk (F5)</source>
        <translation>开始拣货 (F5)</translation>
    </message>
    <message>
        <source>Bin short (F7)</source>
        <translation>库位缺货 (F7)</translation>
    </message>
    <message>
        <source>to pick</source>
        <translation>待拣</translation>
    </message>
    <message>
        <source>posting…</source>
        <translation>过账中…</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Scan the tote of %1 first (Enter: slot %2).</source>
        <translation>请先扫描 %1 的周转箱（按 Enter：格口 %2）。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Nothing left to pick for %1.</source>
        <translation>%1 已没有待拣货内容。</translation>
    </message>
    <message>
        <source>%1: %2 picks. Scan its tote, or Enter for slot %3.</source>
        <translation>%1：%2 个拣货任务。请扫描其周转箱，或按 Enter 使用格口 %3。</translation>
    </message>
    <message>
        <source>%1 is in the wave already.</source>
        <translation>%1 已在本波次中。</translation>
    </message>
    <message>
        <source>Tote %2 already holds another order: scan another tote for %1.</source>
        <translation>周转箱 %2 已分配给另一个订单：请为 %1 扫描另一个周转箱。</translation>
    </message>
    <message>
        <source>%1 goes into tote %2. Scan the next order, or F5 to start the walk.</source>
        <translation>%1 放入周转箱 %2。请扫描下一个订单，或按 F5 开始拣货。</translation>
    </message>
    <message>
        <source>Set this station&apos;s packing location first (in the pick list).</source>
        <translation>请先设置本工位的打包位（在拣货单中）。</translation>
    </message>
    <message>
        <source>%1 orders, %2 picks: scan the first location.</source>
        <translation>%1 个订单，%2 个拣货任务：请扫描第一个库位。</translation>
    </message>
    <message>
        <source>%1: now scan its tote (or type its slot number).</source>
        <translation>%1：请扫描其周转箱（或输入格口号）。</translation>
    </message>
    <message>
        <source>At %1: scan an item, then its tote.</source>
        <translation>在 %1：请扫描商品，再扫描其周转箱。</translation>
    </message>
    <message>
        <source>Nothing left to pick at %1.</source>
        <translation>%1 已没有待拣的货。</translation>
    </message>
    <message>
        <source>Scan the location first, then the item picked there.</source>
        <translation>请先扫描库位，再扫描在该库位拣取的商品。</translation>
    </message>
    <message>
        <source>%1 is not to be picked at %2.</source>
        <translation>%1 不应在 %2 拣货。</translation>
    </message>
    <message>
        <source>Scan the item before its tote.</source>
        <translation>请先扫描商品，再扫描周转箱。</translation>
    </message>
    <message>
        <source>%1 × %2 into tote %3 (%4).</source>
        <translation>%1 × %2 已放入周转箱 %3（%4）。</translation>
    </message>
    <message>
        <source>All %1 picks done: %2 orders at %3 for packing.</source>
        <translation>%1 个拣货任务全部完成：%2 个订单已送至 %3 待打包。</translation>
    </message>
    <message>
        <source>%1: the bin&apos;s shortfall is reserved elsewhere or backordered.</source>
        <translation>%1：该库位的缺货已改从其他库位预留或转为欠货。</translation>
    </message>
    <message>
        <source>Wait until the posting in progress has finished.</source>
        <translation>请等待正在进行的过账完成。</translation>
    </message>
</context>
<context>
    <name>Weighing</name>
    <message>
        <source>F9 captures the weight on the scale.</source>
        <translation>按 F9 读取电子秤上的重量。</translation>
    </message>
    <message>
        <source>Scan the item to check the weight.</source>
        <translation>扫描商品以核对重量。</translation>
    </message>
    <message>
        <source>No unit weight is recorded for %1: the weight is not checked.</source>
        <translation>%1 没有登记单件重量：不核对重量。</translation>
    </message>
    <message>
        <source>Enter the quantity to check the weight.</source>
        <translation>输入数量以核对重量。</translation>
    </message>
    <message>
        <source>✔ Weight OK</source>
        <translation>✔ 重量正确</translation>
    </message>
    <message>
        <source>✘ Too heavy</source>
        <translation>✘ 超重</translation>
    </message>
    <message>
        <source>✘ Too light</source>
        <translation>✘ 重量不足</translation>
    </message>
    <message>
        <source>%1: weighed %2, expected %3 (%4 × %5); difference %6, ±%7 allowed</source>
        <translation>%1：称得 %2，预期 %3（%4 × %5）；差值 %6，允差 ±%7</translation>
    </message>
    <message>
        <source>Not posted: the weight does not match. Weigh again (F9) or correct the quantity.</source>
        <translation>未过账：重量不符。请重新称重 (F9) 或更正数量。</translation>
    </message>
    <message>
        <source>Post anyway?</source>
        <translation>仍然过账？</translation>
    </message>
    <message>
        <source>Weight check failed</source>
        <translation>重量核对未通过</translation>
    </message>
    <message>
        <source>&amp;Post anyway</source>
        <translation>仍然过账(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Do not post</source>
        <translation>不过账(&amp;D)</translation>
    </message>
    <message>
        <source>Weighed %1</source>
        <translation>称重 %1</translation>
    </message>
    <message>
        <source>check passed</source>
        <translation>核对通过</translation>
    </message>
    <message>
        <source>too heavy, posted anyway</source>
        <translation>超重，已强制过账</translation>
    </message>
    <message>
        <source>too light, posted anyway</source>
        <translation>重量不足，已强制过账</translation>
    </message>
</context>
<context>
    <name>WeightPanel</name>
    <message>
        <source>No scale is set up for this workstation (Settings → Scale &amp; sensors).</source>
        <translation>本工作站未设置电子秤（设置 → 电子秤与传感器）。</translation>
    </message>
    <message>
        <source>The scale has sent no reading: check that it is switched on and connected.</source>
        <translation>电子秤没有发送读数：请检查电子秤是否已开机并已连接。</translation>
    </message>
    <message>
        <source>The scale reading is more than 2 s old: the scale or its connection has stopped. Nothing was captured.</source>
        <translation>电子秤读数已超过 2 秒未更新：电子秤或其连接已中断。未读取重量。</translation>
    </message>
    <message>
        <source>The weight has not settled yet: wait until it is steady, then capture again.</source>
        <translation>重量尚未稳定：请等读数稳定后再读取。</translation>
    </message>
    <message>
        <source>The weight cannot be captured now.</source>
        <translation>现在无法读取重量。</translation>
    </message>
    <message>
        <source>Capture weight (F9)</source>
        <translation>读取重量 (F9)</translation>
    </message>
    <message>
        <source>No scale configured</source>
        <translation>未配置电子秤</translation>
    </message>
    <message>
        <source>Scale offline: broker not connected</source>
        <translation>电子秤离线：未连接 MQTT 服务器</translation>
    </message>
    <message>
        <source>Waiting for the scale…</source>
        <translation>等待电子秤…</translation>
    </message>
    <message>
        <source>No reading for %1 s</source>
        <translation>%1 秒无读数</translation>
    </message>
    <message>
        <source>Settling…</source>
        <translation>稳定中…</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>Captured: %1</source>
        <translation>已读取：%1</translation>
    </message>
    <message>
        <source>Nothing captured</source>
        <translation>未读取重量</translation>
    </message>
</context>
<context>
    <name>WorkDialog</name>
    <message>
        <source>%1 has colours and sizes: scan the SKU label.</source>
        <translation>%1 有颜色和尺码：请扫描 SKU 标签。</translation>
    </message>
    <message>
        <source>Unknown code: %1</source>
        <translation>未知条码：%1</translation>
    </message>
    <message>
        <source>Scan or type the item first.</source>
        <translation>请先扫描或输入商品。</translation>
    </message>
    <message>
        <source>Enter a quantity from 1 to 1,000,000,000.</source>
        <translation>请输入 1 到 1,000,000,000 之间的数量。</translation>
    </message>
    <message>
        <source>“%1” is not a quantity here (whole units only).</source>
        <translation>“%1”不是有效数量（只能输入整数件数）。</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>正在打印%1…</translation>
    </message>
    <message>
        <source>%1 sent (%2)</source>
        <translation>%1 已发送（%2）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>WorkstationPage</name>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>&amp;Warehouse code:</source>
        <translation>仓库编码(&amp;W)：</translation>
    </message>
    <message>
        <source>Station &amp;ID:</source>
        <translation>工位编号(&amp;I)：</translation>
    </message>
    <message>
        <source>Scanner pre&amp;fix:</source>
        <translation>扫描枪前缀(&amp;F)：</translation>
    </message>
    <message>
        <source>Scanner suffi&amp;x:</source>
        <translation>扫描枪后缀(&amp;X)：</translation>
    </message>
    <message>
        <source>Confirm quantities lar&amp;ger than:</source>
        <translation>数量超过此值时先确认(&amp;G)：</translation>
    </message>
    <message>
        <source>default: WH01</source>
        <translation>默认：WH01</translation>
    </message>
    <message>
        <source>e.g. PACK-03: names this workstation and its scale</source>
        <translation>例如 PACK-03：用于标识本工作站及其电子秤</translation>
    </message>
    <message>
        <source>Control characters as \r, \n, \t or \x02</source>
        <translation>控制字符写作 \r、\n、\t 或 \x02</translation>
    </message>
    <message>
        <source>Scanners here type &amp;UTF-8: print QR codes of Chinese codes on labels</source>
        <translation>本机扫码枪可输入 UTF-8：在标签上打印中文编码的二维码(&amp;U)</translation>
    </message>
    <message>
        <source>Labels always carry an ASCII Code 128 every scanner can type; most keyboard-wedge scanners cannot type Chinese</source>
        <translation>标签始终带有任何扫码枪都能输入的 ASCII Code 128 条码；多数键盘式扫码枪无法输入中文</translation>
    </message>
    <message>
        <source>Stock operations with more units than this ask before they post.</source>
        <translation>库存操作的数量超过此值时，过账前会先请求确认。</translation>
    </message>
    <message>
        <source>A new warehouse or station ID is used after the app is restarted.</source>
        <translation>新的仓库或工位编号在重新启动程序后生效。</translation>
    </message>
    <message>
        <source>The station ID may use 1–40 letters, digits, &apos;-&apos; and &apos;_&apos;.</source>
        <translation>工位编号只能使用 1–40 个字母、数字、“-”和“_”。</translation>
    </message>
    <message>
        <source>The scanner prefix or suffix has a broken escape (use \r, \n, \t, \\ or \x followed by two hex digits).</source>
        <translation>扫描枪前缀或后缀中的转义写法有误（请使用 \r、\n、\t、\\ 或 \x 加两位十六进制数）。</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Refused</source>
        <translation>操作被拒绝</translation>
    </message>
</context>
</TS>
