"""The command line on an embedded database: what an IT admin or a script sees."""
from __future__ import annotations

import json

import pytest

from wms_desktop.cli import main


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def test_an_unmigrated_database_is_refused_with_advice(url, capsys):
    assert main(["--database-url", url, "stock"]) == 2
    assert "wms-desktop db upgrade" in capsys.readouterr().err


def test_demo_then_stock_labels_and_documents(url, tmp_path, capsys):
    assert main(["--database-url", url, "demo"]) == 0
    assert "locations with stock shown" in capsys.readouterr().out
    assert main(["--database-url", url, "stock", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["data"][0]
    assert main(["--database-url", url, "stock", "--location", first["location_code"]]) == 0
    assert first["items"][0]["sku_code"] in capsys.readouterr().out

    sku_code = first["items"][0]["sku_code"]
    assert main(["--database-url", url, "labels", "sku", sku_code, "--format", "zpl", "--out",
                 str(tmp_path / "sku.zpl")]) == 0
    assert (tmp_path / "sku.zpl").read_bytes().count(b"^XA") == 1
    assert main(["--database-url", url, "labels", "location", "无货位", "--out", str(tmp_path / "l.pdf")]) == 0
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF")
    pick = {"pick_list_number": "PL-1", "lines": [{"location_code": first["location_code"], "sku_code": sku_code,
                                                   "product_name": "x", "quantity": 2}]}
    (tmp_path / "pick.json").write_text(json.dumps(pick, ensure_ascii=False), encoding="utf-8")
    assert main(["--database-url", url, "document", "pick_list", str(tmp_path / "pick.json"), "--out",
                 str(tmp_path / "pick.pdf")]) == 0
    assert (tmp_path / "pick.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["--database-url", url, "labels", "sku", "NOPE", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "PRODUCT_NOT_FOUND" in capsys.readouterr().err


def test_demo_data_posts_stock_events(url, capsys):
    main(["--database-url", url, "demo"])
    capsys.readouterr()
    assert main(["--database-url", url, "events", "pending"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    stock = [e for e in events if e["event_type"].startswith("stock.")]  # the demo's orders and ASNs have theirs
    assert stock and all(e["event_type"] == "stock.inbound" for e in stock)
    assert all(e["sequence"] is None for e in events)  # numbered by the relay as it publishes


def test_a_consumer_catches_up_after_the_last_sequence_it_processed(url, capsys):
    from wms_desktop.db.engine import Database
    from wms_desktop.services.events import next_batch

    main(["--database-url", url, "demo"])
    db = Database(url)
    published = next_batch(db, limit=5)  # what a relay took and published
    db.dispose()
    capsys.readouterr()
    assert main(["--database-url", url, "events", "since", str(published[1]["sequence"])]) == 0
    caught_up = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["event_id"] for e in caught_up] == [e["event_id"] for e in published[2:]]


def test_warehouses(url, capsys):
    main(["--database-url", url, "db", "upgrade"])
    assert main(["--database-url", url, "warehouse", "add", "WH02", "东仓"]) == 0
    assert main(["--database-url", url, "warehouse", "list"]) == 0
    assert "WH02" in capsys.readouterr().out
    assert main(["--database-url", url, "--warehouse", "WH02", "stock"]) == 0


def test_users_are_added_listed_and_disabled(url, capsys, monkeypatch):
    assert main(["--database-url", url, "db", "upgrade"]) == 0
    answers = iter(["long enough pw", "long enough pw", "another pw 1", "another pw 2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["--database-url", url, "user", "add", "boss", "--role", "admin"]) == 0
    assert main(["--database-url", url, "user", "add", "li"]) == 2  # the two passwords differ
    assert "nothing was created" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("short\n"))
    assert main(["--database-url", url, "user", "add", "li", "--password-stdin"]) == 2
    assert "INVALID_PARAMETERS" in capsys.readouterr().err
    assert main(["--database-url", url, "user", "disable", "boss"]) == 0
    assert main(["--database-url", url, "user", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()[-1].split()
    assert listed[:3] == ["boss", "admin", "*"] and "(disabled)" in listed[-1]


def test_a_users_warehouses_are_set(url, capsys, monkeypatch):
    main(["--database-url", url, "db", "upgrade"])
    main(["--database-url", url, "warehouse", "add", "WH01", "主仓"])
    main(["--database-url", url, "warehouse", "add", "WH02", "东仓"])
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("long enough pw\n"))
    assert main(["--database-url", url, "user", "add", "li", "--password-stdin"]) == 0
    assert main(["--database-url", url, "user", "warehouses", "li", "WH02", "WH01"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "li: WH01, WH02"
    assert main(["--database-url", url, "user", "list"]) == 0
    assert capsys.readouterr().out.split()[:3] == ["li", "clerk", "WH01,WH02"]
    assert main(["--database-url", url, "user", "role", "li", "supervisor"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "li: supervisor"


def test_roles_are_added_edited_and_given(url, capsys, monkeypatch):
    main(["--database-url", url, "db", "upgrade"])
    assert main(["--database-url", url, "role", "add", "counter", "correct_stock", "move_stock", "--name", "盘点员"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "created counter: correct_stock move_stock"
    assert main(["--database-url", url, "role", "set", "counter", "move_stock", "--inactive"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "counter 盘点员: move_stock  (disabled)"
    assert main(["--database-url", url, "role", "set", "counter", "--active"]) == 0
    main(["--database-url", url, "warehouse", "add", "WH01", "主仓"])
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("long enough pw\n"))
    assert main(["--database-url", url, "user", "add", "zhao", "--role", "counter", "--password-stdin"]) == 0
    assert main(["--database-url", url, "role", "list"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()[-4:]] == [
        "admin", "clerk", "counter", "supervisor"]


def test_a_document_from_json_needs_no_database(tmp_path, capsys):
    pick = {"pick_list_number": "PL-2", "lines": [{"location_code": "西8排1架6层4位", "sku_code": "129092-黄色-M",
                                                   "product_name": "纯棉T恤", "quantity": 1}]}
    (tmp_path / "pick.json").write_text(json.dumps(pick, ensure_ascii=False), encoding="utf-8")
    missing = f"sqlite:///{tmp_path / 'never-created.sqlite3'}"
    assert main(["--database-url", missing, "document", "pick_list", str(tmp_path / "pick.json"), "--out",
                 str(tmp_path / "pick.pdf")]) == 0
    assert (tmp_path / "pick.pdf").read_bytes().startswith(b"%PDF")


def test_help_lists_the_window_options_and_the_commands_without_loading_the_database_layer(capsys):
    import subprocess
    import sys

    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    for word in ("--database-url", "--warehouse", "--language", "--demo", "--screenshot", "db", "demo", "stock",
                 "labels", "user", "warehouse", "events", "document"):
        assert word in shown, word
    probe = ("import sys; from wms_desktop.cli import main; main(['--help']); "
             "sys.exit(sum(m in sys.modules for m in ('sqlalchemy', 'alembic', 'PySide6')))")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False).returncode == 0


def test_options_come_before_the_command(url, capsys):
    assert main(["--database-url", url, "--warehouse", "WH02", "demo"]) == 0
    assert "Stock in warehouse WH02" in capsys.readouterr().out
    assert main(["--database-url", url, "--demo", "stock"]) == 2  # a window's option with a command
    assert "an option of the window" in capsys.readouterr().err


def test_import_and_export_csv(url, tmp_path, capsys):
    assert main(["--database-url", url, "db", "upgrade"]) == 0
    assert main(["--database-url", url, "warehouse", "add", "WH01", "主仓库"]) == 0
    (tmp_path / "locations.csv").write_bytes("location_code,location_name\nA1,甲\n".encode("gb18030"))
    (tmp_path / "products.csv").write_text("product_code,product_name\nBOX1,纸箱\n,缺\nBOX2,\n", encoding="utf-8-sig")
    (tmp_path / "stock.csv").write_text("location_code,sku_code,stock_quantity\nA1,BOX1,4\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--database-url", url, "import", "locations", str(tmp_path / "locations.csv")]) == 0
    assert "1 created" in capsys.readouterr().out
    errors = tmp_path / "errors.csv"
    assert main(["--database-url", url, "import", "products", str(tmp_path / "products.csv"), "--dry-run",
                 "--errors", str(errors)]) == 2
    out = capsys.readouterr()
    assert "dry run" in out.out and "row 3: CSV_MISSING_VALUES (10006)" in out.err
    assert [line.split(",")[:3] for line in errors.read_text(encoding="utf-8-sig").splitlines()[1:]] == [
        ["3", "CSV_MISSING_VALUES", "10006"], ["4", "CSV_MISSING_VALUES", "10006"]]
    assert main(["--database-url", url, "import", "products", str(tmp_path / "products.csv")]) == 2
    assert "CSV_MISSING_VALUES" in capsys.readouterr().err  # the real run: nothing written
    (tmp_path / "products.csv").write_text("product_code,product_name\nBOX1,纸箱\n", encoding="utf-8")
    assert main(["--database-url", url, "import", "products", str(tmp_path / "products.csv")]) == 0
    assert main(["--database-url", url, "import", "stock", str(tmp_path / "stock.csv"), "--operator", "li"]) == 0
    capsys.readouterr()
    out = tmp_path / "stock-out.csv"
    assert main(["--database-url", url, "export", "stock", "--out", str(out), "--filter", "location_code=A1"]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("A1,BOX1,,4,")
    moves = tmp_path / "moves.csv"
    assert main(["--database-url", url, "export", "movements", "--out", str(moves), "--encoding", "gb18030",
                 "--filter", "operator_id=li"]) == 0
    assert "opening stock: stock.csv" in moves.read_text(encoding="gb18030")
    assert main(["--database-url", url, "import", "stock", str(tmp_path / "products.csv")]) == 2
    assert "CSV_MISSING_COLUMNS (10005)" in capsys.readouterr().err


def test_api_keys_are_added_listed_and_revoked(url, capsys):
    assert main(["--database-url", url, "db", "upgrade"]) == 0
    assert main(["--database-url", url, "warehouse", "add", "WH01", "主仓库"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "apikey", "add", "网店", "--role", "supervisor"]) == 0
    printed = capsys.readouterr()
    key = printed.out.strip()
    assert key.startswith("wmsk_") and "not shown again" in printed.err
    key_id = key.split("_")[1]
    assert main(["--database-url", url, "apikey", "list"]) == 0
    listed = capsys.readouterr().out
    assert key_id in listed and "supervisor" in listed and key not in listed
    assert main(["--database-url", url, "apikey", "revoke", key_id]) == 0
    assert main(["--database-url", url, "apikey", "list"]) == 0
    assert "(revoked" in capsys.readouterr().out
    assert main(["--database-url", url, "apikey", "revoke", "nope"]) == 2
    assert "API_KEY_NOT_FOUND" in capsys.readouterr().err


def test_webhooks_are_added_listed_logged_and_removed(url, capsys):
    assert main(["--database-url", url, "db", "upgrade"]) == 0
    assert main(["--database-url", url, "warehouse", "add", "WH01", "主仓库"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "webhook", "add", "http://127.0.0.1:9/erp", "--events", "stock.*,document.*"]) == 0
    printed = capsys.readouterr()
    assert len(printed.out.strip()) >= 40 and "not shown again" in printed.err
    assert main(["--database-url", url, "webhook", "list"]) == 0
    assert "http://127.0.0.1:9/erp  stock.*,document.*" in capsys.readouterr().out
    assert main(["--database-url", url, "webhook", "deliveries", "--state", "dead"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--database-url", url, "webhook", "remove", "1"]) == 0
    assert main(["--database-url", url, "webhook", "list"]) == 0
    assert "(off)" in capsys.readouterr().out
    assert main(["--database-url", url, "webhook", "add", "ftp://x/y"]) == 2
    assert main(["--database-url", url, "webhook", "redeliver", "99"]) == 2
    assert "DELIVERY_NOT_FOUND" in capsys.readouterr().err
