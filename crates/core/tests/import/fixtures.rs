//! The import fixtures: real-shaped exports, written in the encodings spreadsheets and
//! helpdesks use. The files in `tests/fixtures/import/` are committed bytes; this module
//! holds their text and makes them (`cargo test -p frontline-core --test import --
//! --ignored write_fixtures`), and a test fails when a committed file differs from what
//! it makes.

use std::path::PathBuf;

use encoding_rs::{BIG5, Encoding, GBK, UTF_8};

/// Where the fixtures live.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// A fixture's bytes as committed.
pub fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// A Zendesk ticket export (Admin Center → Reports → Export, CSV), UTF-8 without a BOM:
/// offsets on the dates, tags separated by spaces, an empty priority, quoted cells with
/// commas and doubled quotes, a requester whose e-mail differs only in case.
pub const ZENDESK: &str = "\
Summation column,Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,On hold time in minutes,On hold time in minutes within business hours,Category [list]
1,1001,Li Na,36112480011,,li.na@example.com,example.com,Li Na,Wang Fang,Billing,\"Refund not received, order 4471\",refund vip,Solved,High,Web Form,incident,2026-10-01 09:12:00 +0800,2026-10-03 10:00:00 +0800,2026-10-01 09:20:00 +0800,,,2026-10-01 09:20:00 +0800,2026-10-02 16:40:00 +0800,,Good,1,1,0,2,45,45,1888,540,1888,540,1888,540,0,0,0,0,Refunds
1,1002,Chen Jie,36112480012,,chen.jie@example.com,example.com,Chen Jie,Zhou Min,Delivery,Parcel stuck in customs,delivery,Closed,Normal,Mail,question,2026-10-02 11:30:05 +0800,2026-10-09 09:00:00 +0800,2026-10-02 12:00:00 +0800,,,2026-10-02 12:00:00 +0800,2026-10-04 17:05:00 +0800,,Offered,1,1,0,3,130,130,3215,1115,3215,1115,3000,1000,215,115,0,0,Delivery
1,1003,Li Na,36112480011,,LI.NA@example.com,example.com,Li Na,Wang Fang,Billing,\"Charged twice for \"\"Premium\"\" plan\",billing duplicate_charge,Open,Urgent,Phone call (inbound),problem,2026-11-20 08:00:00 +0800,2026-11-20 08:30:00 +0800,2026-11-20 08:01:00 +0800,,,2026-11-20 08:01:00 +0800,,,Unoffered,1,1,0,1,5,0,,,,,,,,,,,Billing
1,1004,Sam Taylor,36112480013,,sam@example.org,example.org,Sam Taylor,,Support,App crashes on login,,New,,Chat,,2026-11-28 22:15:00 +0800,2026-11-28 22:15:00 +0800,,,,,,,Unoffered,1,0,0,0,,,,,,,,,,,,,Technical
1,1005,Chen Jie,36112480012,,chen.jie@example.com,example.com,Chen Jie,Zhou Min,Delivery,Wrong address on invoice,invoice,Pending,Low,Web Form,question,2026-11-10 10:00:00 +0800,2026-11-12 15:00:00 +0800,2026-11-10 10:30:00 +0800,,,2026-11-10 10:30:00 +0800,,,Unoffered,1,1,0,1,60,60,,,,,,,,,,,Billing
1,1006,王秀英,36112480014,,wang.xiu@example.cn,example.cn,王秀英,林志明,Technical,无法登录账户，提示密码错误,login 账户,Hold,High,WeChat,incident,2026-11-15 14:20:00 +0800,2026-11-16 09:00:00 +0800,2026-11-15 14:25:00 +0800,,,2026-11-15 14:25:00 +0800,,,Unoffered,1,1,0,1,15,15,,,,,,,,,,,Technical
1,1007,Acme Support Desk,36112480015,,helpdesk@acme.example,acme.example,Acme Support Desk,Wang Fang,Billing,\"Invoice, PO and tax ID missing\",,Solved,Normal,Twitter,question,2026-10-20 09:00:00 +0800,2026-10-21 11:00:00 +0800,2026-10-20 09:10:00 +0800,\"Acme, Inc.\",,2026-10-20 09:10:00 +0800,2026-10-21 11:00:00 +0800,,Bad,1,1,0,2,20,20,1560,480,1560,480,1560,480,0,0,0,0,Billing
";

/// A Freshdesk ticket export, as Excel saves it: UTF-8 with a BOM and CRLF line ends;
/// times without an offset (the helpdesk's time zone), a description over several lines
/// with quotes, tags separated by commas, statuses of its own.
pub const FRESHDESK: &str = "\
Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Skill,Full name,Contact ID,Email,Work phone,Company Name\r
2001,Cannot reset password,\"Customer writes:\r\n\"\"I tried three times, no e-mail arrives.\"\"\",Resolved,Medium,Email,Problem,Priya Nair,Tier 1,2026-09-14 10:05:00,2026-09-15 10:05:00,2026-09-14 15:20:11,,2026-09-14 15:20:11,2026-09-14 10:47:30,00:25:00,00:42:30,05:15:11,2,2,Within SLA,Within SLA,\"password, login\",,,Maria Garcia,77000000001,maria.garcia@example.com,+34 600 123 456,\"Garcia & Hijos, S.L.\"\r
2002,Payment gateway down for all stores,Checkout fails with error 502.,Closed,Urgent,Phone,Incident,Tom Becker,Tier 2,2026-10-05 08:00:00,2026-10-05 09:00:00,2026-10-05 08:55:00,2026-10-06 10:00:00,2026-10-06 10:00:00,2026-10-05 08:03:00,01:10:00,00:03:00,00:55:00,4,3,Within SLA,Within SLA,outage,Extremely satisfied,,Jonas Weber,77000000002,jonas@shop.example,,Weber Shops GmbH\r
2003,Discount code not applied,,Waiting on Customer,High,Chat,Question,Priya Nair,Tier 1,2026-11-02 16:40:00,2026-11-03 16:40:00,,,2026-11-03 09:12:00,2026-11-02 16:45:00,00:05:00,00:05:00,,1,2,,Within SLA,discount,,,Ana Souza,77000000003,ana.souza@example.com.br,,\r
2004,Feature request: dark mode,Would love a dark theme.,Open,Low,Portal,Feature Request,,Product,2026-11-25 11:00:00,2026-11-30 11:00:00,,,2026-11-25 11:00:00,,,,,0,1,,,,,,Lee Min-jun,77000000004,minjun@example.kr,,\r
2005,Export to PDF shows wrong dates,Dates are off by one day.,Waiting on Third Party,Medium,Feedback Widget,Problem,Tom Becker,Tier 2,2026-11-18 13:00:00,2026-11-20 13:00:00,,,2026-11-19 10:00:00,2026-11-18 14:00:00,00:30:00,01:00:00,,2,1,,Within SLA,\"export,pdf\",,,Maria Garcia,77000000001,Maria.Garcia@example.com,+34 600 123 456,\"Garcia & Hijos, S.L.\"\r
2006,Call me back about my invoice,,Pending,Medium,Outbound Email,Question,Priya Nair,Tier 1,2026-11-27 09:30:00,2026-11-28 09:30:00,,,2026-11-27 10:00:00,2026-11-27 09:30:00,,00:00:00,,1,0,,Within SLA,,,,Jonas Weber,77000000002,jonas@shop.example,,Weber Shops GmbH\r
";

/// A spreadsheet of another system, saved by Excel on Simplified-Chinese Windows (GBK):
/// Chinese headers and values, `YYYY/MM/DD HH:MM` dates, tags separated by 、, a cell with
/// a full-width comma and one with a line break.
pub const LEGACY_GBK: &str = "\
工单号,标题,状态,优先级,渠道,创建时间,解决时间,客户,邮箱,电话,标签,处理人,备注
GD-0001,退款没有到账，请尽快处理,已解决,紧急,电话,2026/11/03 09:15,2026/11/03 17:40,李娜,li.na@example.cn,13800000001,退款、VIP,王芳,已电话回访
GD-0002,快递一直没有送到,处理中,高,在线客服,2026/11/10 14:02,,陈杰,,13800000002,物流,周敏,\"客户说：
明天再打来\"
GD-0003,会员积分无法兑换优惠券,新建,中,微信,2026/11/28 20:30,,赵磊,zhao.lei@example.cn,,积分,,
GD-0004,发票抬头开错了需要重新开具,已关闭,低,邮件,2026/10/21 10:00,2026/10/22 11:30,李娜,li.na@example.cn,13800000001,发票,王芳,
";

/// Its mapping, as a user writes it for `frontline-cli import --mapping`.
pub const LEGACY_GBK_MAPPING: &str = r#"{
  "source": "legacy-crm",
  "columns": {
    "externalId": "工单号",
    "title": "标题",
    "status": "状态",
    "priority": "优先级",
    "channel": "渠道",
    "createdAt": "创建时间",
    "resolvedAt": "解决时间",
    "customerName": "客户",
    "customerEmail": "邮箱",
    "customerPhone": "电话",
    "tags": "标签",
    "assignee": "处理人"
  },
  "timeZone": "Asia/Shanghai",
  "statuses": { "新建": "new", "处理中": "open", "已解决": "resolved", "已关闭": "closed" },
  "priorities": { "紧急": "p1", "高": "p2", "中": "p3", "低": "p4" },
  "channels": { "电话": "phone", "在线客服": "chat", "微信": "social", "邮件": "email" },
  "tagSeparators": "、,"
}
"#;

/// A Traditional-Chinese spreadsheet (Big5, Taiwan): day-first dates, CRLF line ends.
pub const LEGACY_BIG5: &str = "\
編號,標題,狀態,優先級,管道,建立時間,解決時間,客戶,電子郵件\r
TW-101,信用卡扣款兩次,已解決,緊急,電話,03/11/2026 09:15,03/11/2026 11:00,陳美玲,mei@example.tw\r
TW-102,包裹送錯地址,處理中,高,郵件,15/11/2026 14:00,,林志豪,\r
TW-103,會員點數沒有入帳,已關閉,中,電話,20/10/2026 10:30,21/10/2026 16:45,陳美玲,mei@example.tw\r
";

/// Its mapping: the day comes first.
pub const LEGACY_BIG5_MAPPING: &str = r#"{
  "source": "tw-crm",
  "columns": {
    "externalId": "編號", "title": "標題", "status": "狀態", "priority": "優先級", "channel": "管道",
    "createdAt": "建立時間", "resolvedAt": "解決時間", "customerName": "客戶", "customerEmail": "電子郵件"
  },
  "dateOrder": "day_first",
  "timeZone": "Asia/Taipei",
  "statuses": { "處理中": "open", "已解決": "resolved", "已關閉": "closed" },
  "priorities": { "緊急": "p1", "高": "p2", "中": "p3", "低": "p4" },
  "channels": { "電話": "phone", "郵件": "email" }
}
"#;

/// Everything that goes wrong in a hand-made file, one problem a row, and a last row the
/// file is cut off in.
pub const BAD: &str = "\
id,title,status,priority,created,resolved
A1,Good row,open,P2,2026-10-01 09:00,
A2,Bad date,open,P2,2026-13-45 09:00,
A3,Unknown priority,open,Highest,2026-10-02 09:00,
A4,,open,P3,2026-10-02 09:00,
A5,Resolved before created,resolved,P3,2026-10-05 09:00,2026-10-04 09:00
A6,Ambiguous date,open,P3,03/04/2026 09:00,
A7,\"Quoted, with a comma and
a line break\",closed,P4,2026-10-03 10:00,2026-10-03 12:00
A1,Same id as row 2,open,P2,2026-10-01 09:00,
A8,One cell too many,open,P2,2026-10-01 09:00,,extra
A9,Unknown status,escalated,P2,2026-10-01 09:00,
A10,\"Cut off in the mid";

/// A file without the column of the creation time.
pub const MISSING_COLUMNS: &str = "id,subject,status\n1,Hello,open\n2,World,closed\n";

/// Every fixture: file name, text, encoding, whether it starts with a BOM.
pub const ALL: &[(&str, &str, &Encoding, bool)] = &[
    ("zendesk.csv", ZENDESK, UTF_8, false),
    ("freshdesk.csv", FRESHDESK, UTF_8, true),
    ("legacy-gbk.csv", LEGACY_GBK, GBK, false),
    ("legacy-gbk.mapping.json", LEGACY_GBK_MAPPING, UTF_8, false),
    ("legacy-big5.csv", LEGACY_BIG5, BIG5, false),
    ("legacy-big5.mapping.json", LEGACY_BIG5_MAPPING, UTF_8, false),
    ("bad.csv", BAD, UTF_8, false),
    ("missing-columns.csv", MISSING_COLUMNS, UTF_8, false),
];

/// The bytes of a fixture.
pub fn encoded(text: &str, encoding: &'static Encoding, bom: bool) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "a fixture has a character {} cannot encode", encoding.name());
    let mut out = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    out.extend_from_slice(&bytes);
    out
}

#[test]
#[ignore = "writes the fixture files; run by hand after changing a fixture"]
fn write_fixtures() {
    std::fs::create_dir_all(dir()).unwrap();
    for (name, text, encoding, bom) in ALL {
        std::fs::write(dir().join(name), encoded(text, encoding, *bom)).unwrap();
    }
}

#[test]
fn committed_fixtures_are_what_this_module_makes() {
    for (name, text, encoding, bom) in ALL {
        assert_eq!(bytes(name), encoded(text, encoding, *bom), "{name} differs: run write_fixtures");
    }
}
