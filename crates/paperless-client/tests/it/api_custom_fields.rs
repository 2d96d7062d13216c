//! `/api/custom_fields/` against the captured exchanges.

use paperless_client::api::CustomFields;
use paperless_client::types::CustomFieldId;
use paperless_client::types::custom_field::{
    CustomFieldDataType, CustomFieldExtraData, CustomFieldPatch, NewCustomField, SelectOption,
};

use crate::api_fixtures::{Replay, created, deleted, got, listed, refused, replaced, updated};

fn red_and_green() -> Vec<SelectOption> {
    vec![
        SelectOption::with_id("fK9pr4OkPnBXLPqa", "Red"),
        SelectOption::with_id("KxavGRNDs83G57aM", "Green"),
    ]
}

#[tokio::test]
async fn create_a_select_field() {
    let new = NewCustomField::select("ZZ scratch select", ["Red", "Green"]);
    let field = created::<CustomFields>("custom_fields.create.select", &new).await;
    assert_eq!(field.id, CustomFieldId(18));
    assert_eq!(field.select_label("KxavGRNDs83G57aM"), Some("Green"));
}

#[tokio::test]
async fn patch_adds_an_option() {
    let mut options = red_and_green();
    options.push(SelectOption::new("Blue"));
    let patch = CustomFieldPatch::new().extra_data(CustomFieldExtraData::select(options));
    let field = updated::<CustomFields>("custom_fields.patch.add_option", 18, &patch).await;
    assert_eq!(field.select_options().len(), 3);
    assert_eq!(field.select_label("6bytyH2lGyTBApFe"), Some("Blue"));
}

#[tokio::test]
async fn patch_changes_the_data_type() {
    let patch = CustomFieldPatch::new().data_type(CustomFieldDataType::String);
    let field = updated::<CustomFields>("custom_fields.patch.change_data_type", 19, &patch).await;
    assert_eq!(field.data_type, CustomFieldDataType::String);
    assert_eq!(field.extra_data, None);
}

#[tokio::test]
async fn put_replaces_the_definition() {
    let full = NewCustomField::new("ZZ scratch select put", CustomFieldDataType::Select)
        .extra_data(CustomFieldExtraData::select(red_and_green()));
    let field = replaced::<CustomFields>("custom_fields.put", 18, &full).await;
    assert_eq!(field.name, "ZZ scratch select put");
}

#[tokio::test]
async fn delete() {
    deleted::<CustomFields>("custom_fields.delete", 18).await;
}

#[tokio::test]
async fn retrieve() {
    let field = got::<CustomFields>("custom_fields.retrieve.monetary", 7).await;
    assert_eq!(field.data_type, CustomFieldDataType::Monetary);
    assert_eq!(field.document_count, Some(18));
    let field = got::<CustomFields>("custom_fields.retrieve.select", 9).await;
    assert_eq!(field.select_label("hRT1c96I3BKlwRuB"), Some("Medium"));

    let (replay, client) = Replay::start(&["custom_fields.retrieve.missing_404"]).await;
    assert!(
        client
            .custom_fields()
            .get_opt(99999)
            .await
            .unwrap()
            .is_none()
    );
    replay.assert().await;
}

#[tokio::test]
async fn lists() {
    let page = listed::<CustomFields>("custom_fields.list", |l| l.page_size(100)).await;
    assert_eq!(page.count, page.items().len() as u64);
    let page = listed::<CustomFields>("custom_fields.list.page_size2", |l| l.page_size(2)).await;
    assert_eq!(page.count, 10);
    assert_eq!(page.next_page(), Some(2));
}

#[tokio::test]
async fn a_bad_currency_is_refused_with_the_servers_message() {
    let new = NewCustomField::new("ZZ bad money", CustomFieldDataType::Monetary)
        .extra_data(CustomFieldExtraData::monetary("EURO"));
    let err = refused::<CustomFields, _, _, _>(
        "custom_fields.create.bad_currency",
        |fields| async move { fields.create(&new).await },
    )
    .await;
    assert_eq!(
        err.as_api().unwrap().detail(),
        Some("extra_data.default_currency must be a 3-character string")
    );
}
