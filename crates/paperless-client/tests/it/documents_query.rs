//! `custom_field_query`: snapshots of every operator family, the query as sent, the refusals.

use chrono::NaiveDate;
use mockito::Matcher;
use paperless_client::Error;
use paperless_client::types::custom_field::Monetary;
use paperless_client::types::custom_field_query::{CustomFieldQuery as Q, DatePart};
use paperless_client::types::{CustomFieldId, DocumentId};

use crate::documents_support::{capture, fixture_body, mock_capture, result_ids};
use crate::support::client;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One query per line, as sent in `custom_field_query=`.
fn lines(queries: &[Q]) -> String {
    queries
        .iter()
        .map(|q| q.to_query_string().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn basic_operators_of_every_data_type() {
    let text = Q::string("Invoice Number");
    let select = Q::select("Priority");
    insta::assert_snapshot!(lines(&[
        text.exact("TM-2025-0002"),
        text.r#in(["TM-2025-0001", "TM-2025-0002"]),
        text.isnull(true),
        text.exists(false),
        Q::url("Customer Portal").exact("https://portal.example/"),
        Q::long_text(CustomFieldId(10)).isnull(false),
        Q::date("Due Date").exact(day(2025, 2, 20)),
        Q::boolean("Paid").exact(false),
        Q::boolean("Paid").r#in([true, false]),
        Q::integer("Contract Term (months)").exact(24),
        Q::float("VAT Rate").r#in([7.0, 19.0]),
        Q::monetary("Amount").exact(Monetary::new(Some("EUR"), 4740)),
        select.exact("High"),
        select.exact("EcT2sJYnA0MTiduP"),
        select.r#in(["Low", "Medium"]),
        Q::document_link("Related Documents").exact([DocumentId(8), DocumentId(4)]),
        Q::document_link("Related Documents").exists(true),
    ]));
}

#[test]
fn string_operators() {
    let text = Q::string("Invoice Number");
    let money = Q::monetary("Amount");
    insta::assert_snapshot!(lines(&[
        text.icontains("2025"),
        text.istartswith("TM-"),
        text.iendswith("-0002"),
        Q::url("Customer Portal").icontains("telekom"),
        Q::long_text("Summary").icontains("refund"),
        money.icontains("EUR"),
        money.istartswith("USD"),
    ]));
}

#[test]
fn arithmetic_operators() {
    let due = Q::date("Due Date");
    let money = Q::monetary("Amount");
    insta::assert_snapshot!(lines(&[
        due.gt(day(2025, 3, 1)),
        due.gte(day(2025, 3, 1)),
        due.lt(day(2025, 4, 1)),
        due.lte(day(2025, 3, 31)),
        due.range(day(2025, 1, 1), day(2025, 3, 31)),
        Q::integer("Contract Term (months)").gte(12),
        Q::float("VAT Rate").lt(10.5),
        money.gt(Monetary::new(None, 5000)),
        money.range(
            Monetary::new(Some("EUR"), 1000),
            Monetary::new(Some("EUR"), 5050)
        ),
    ]));
}

#[test]
fn date_part_operators() {
    let due = Q::date("Due Date");
    insta::assert_snapshot!(lines(&[
        due.part(DatePart::Year).exact(2025),
        due.part(DatePart::Month).r#in([1, 2, 3]),
        due.part(DatePart::Quarter).gte(2),
        due.part(DatePart::IsoWeekDay).lte(5),
        due.part(DatePart::Week).range(1, 13),
        due.part(DatePart::IsoYear).gt(2024),
        due.part(DatePart::Day).lt(15),
        due.part(DatePart::WeekDay).exact(1),
    ]));
}

#[test]
fn containment_operator() {
    let links = Q::document_link("Related Documents");
    insta::assert_snapshot!(lines(&[
        links.contains([DocumentId(4)]),
        links.contains([DocumentId(4), DocumentId(8)]),
        links.contains([]),
    ]));
}

#[test]
fn logical_operators_and_raw_atoms() {
    let paid = Q::boolean("Paid").exact(true);
    let due = Q::date("Due Date").lt(day(2025, 4, 1));
    let high = Q::select("Priority").exact("High");
    insta::assert_snapshot!(lines(&[
        Q::and([paid.clone(), due.clone()]),
        Q::or([paid.clone(), high.clone()]),
        !paid.clone(),
        paid.clone() & due.clone() & high.clone(),
        (paid.clone() | high.clone()) & !due.clone(),
        Q::atom(CustomFieldId(3), "year__exact", 2025),
        Q::atom("Amount", "gt", "100"),
    ]));
}

#[tokio::test]
async fn the_query_is_sent_as_compact_json_and_the_captured_page_decodes() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/documents/")
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded(
                "custom_field_query".into(),
                r#"["AND",[["Due Date","gte","2025-03-01"],["Paid","exact",false]]]"#.into(),
            ),
            Matcher::UrlEncoded("fields".into(), "id,title,custom_fields".into()),
        ]))
        .with_header("content-type", "application/json")
        .with_body(fixture_body("documents.list.custom_field_query_and"))
        .expect(1)
        .create_async()
        .await;
    let query = Q::date("Due Date").gte(day(2025, 3, 1)) & Q::boolean("Paid").exact(false);
    let page = client(&server.url())
        .documents()
        .list()
        .custom_field_query(&query)
        .fields(["id", "title", "custom_fields"])
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
    let ids: Vec<u64> = page.items().iter().map(|d| d.id.0).collect();
    assert_eq!(ids, [10, 7, 24]);
}

#[tokio::test]
async fn the_server_accepts_its_own_python_style_json_too() {
    // The captures were recorded with Python's separators; the same query read back and sent
    // again (compact) hits the same documents.
    let mut server = mockito::Server::new_async().await;
    let c = capture("documents.list.custom_field_query_select");
    let recorded = c
        .path_and_query
        .split_once("custom_field_query=")
        .unwrap()
        .1
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let decoded: String = form_decode(&recorded);
    let query = Q::from_query_string(&decoded).unwrap();
    assert_eq!(query, Q::select("Priority").exact("EcT2sJYnA0MTiduP"));
    let compact = server
        .mock("GET", "/api/documents/")
        .match_query(Matcher::UrlEncoded(
            "custom_field_query".into(),
            r#"["Priority","exact","EcT2sJYnA0MTiduP"]"#.into(),
        ))
        .with_header("content-type", "application/json")
        .with_body(c.body_string())
        .expect(1)
        .create_async()
        .await;
    let page = client(&server.url())
        .documents()
        .list()
        .custom_field_query(&query)
        .send()
        .await
        .unwrap();
    compact.assert_async().await;
    assert_eq!(
        page.items().iter().map(|d| d.id.0).collect::<Vec<_>>(),
        result_ids(&c.body)
    );
}

fn form_decode(text: &str) -> String {
    let bytes = text.replace('+', " ");
    let mut out = Vec::new();
    let raw = bytes.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            out.push(u8::from_str_radix(&bytes[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn a_server_rejection_names_the_atom() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.list.custom_field_query_invalid").await;
    let err = client(&server.url())
        .documents()
        .list()
        .param("custom_field_query", r#"["Amount", "gt"]"#)
        .send()
        .await
        .unwrap_err();
    mock.assert_async().await;
    let fields = err.as_api().unwrap().field_errors();
    assert_eq!(fields[0].field, "custom_field_query.0");
}

#[tokio::test]
async fn oversized_queries_are_refused_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let documents = client(&server.url()).documents();
    let many = Q::or((0..21).map(|n| Q::integer("Contract Term (months)").exact(n)));
    let err = documents
        .list()
        .custom_field_query(&many)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert_eq!(
        err.to_string(),
        "invalid request, nothing was sent: documents.list: the custom field query has 21 \
         conditions, but the server accepts at most 20; split it into several requests or use \
         `in` lists"
    );
    let mut deep = Q::boolean("Paid").exact(true);
    for _ in 0..10 {
        deep = !Q::and([deep]);
    }
    let err = documents
        .list()
        .custom_field_query(&deep)
        .count()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("nests 21 levels deep"), "{err}");
    mock.assert_async().await;
}
