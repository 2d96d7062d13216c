//! The captures of Paperless-ngx 2.20.15 (`tests/fixtures/2.20/`) that need a model of their
//! own: requests with no 3.0.5 capture of the same name, and answers whose shape differs from
//! their 3.0.5 namesake (tasks are legacy records on API 9; 2.x's configuration has
//! `skip_archive_file`, which the 3.x model drops; 2.x mail rules have no `stop_processing`,
//! which the model always sends; 2.x sends a task's `related_document` as a numeric string,
//! which the model reads as the id it names and writes as a number). The others decode with the model of their 3.0.5 namesake
//! (`every_2_20_json_capture_decodes_into_its_model`).

use paperless_types::Page;
use paperless_types::config::ApplicationConfiguration;
use paperless_types::custom_field::CustomField;
use paperless_types::document::{Document, Note};
use paperless_types::error::ApiErrorBody;
use paperless_types::mail_rule::MailRule;
use paperless_types::outcome::ActionResult;
use paperless_types::profile::Profile;
use paperless_types::saved_view::SavedView;
use paperless_types::share_link::ShareLink;
use paperless_types::tag::Tag;
use paperless_types::task::{LegacyTask, RunTaskResult, TaskUuid};
use paperless_types::ui_settings::UiSettings;
use paperless_types::user::User;
use paperless_types::workflow::Workflow;
use paperless_types::workflow_trigger::WorkflowTrigger;

use crate::harness::Entry;
use crate::response;

pub fn entries() -> Vec<Entry> {
    vec![
        response!("2.20/config.as_bob" => Vec<ApplicationConfiguration>, ignore ["$[].skip_archive_file"]),
        response!("2.20/config.list" => Vec<ApplicationConfiguration>, ignore ["$[].skip_archive_file"]),
        response!("2.20/config.patch" => ApplicationConfiguration, ignore ["$.skip_archive_file"]),
        response!("2.20/config.patch_3x_field" => ApplicationConfiguration, ignore ["$.skip_archive_file"]),
        response!("2.20/config.put" => ApplicationConfiguration, ignore ["$.skip_archive_file"]),
        response!("2.20/config.retrieve" => ApplicationConfiguration, ignore ["$.skip_archive_file"]),
        response!("2.20/custom_fields.as_bob" => Page<CustomField>),
        response!("2.20/documents.bulk_edit.delete" => ActionResult),
        response!("2.20/documents.bulk_edit.delete_pages" => ActionResult),
        response!("2.20/documents.bulk_edit.edit_pdf" => ActionResult),
        response!("2.20/documents.bulk_edit.merge" => ActionResult),
        response!("2.20/documents.bulk_edit.merge.one_document" => ActionResult),
        response!("2.20/documents.bulk_edit.modify_custom_fields.list" => ActionResult),
        response!("2.20/documents.bulk_edit.reprocess" => ActionResult),
        response!("2.20/documents.bulk_edit.rotate" => ActionResult),
        response!("2.20/documents.bulk_edit.rotate.invalid_degrees" => ActionResult),
        response!("2.20/documents.bulk_edit.split" => ActionResult),
        response!("2.20/documents.list.bulk_op_results" => Page<Document>),
        response!("2.20/documents.list.fields_3x_only" => Page<Document>),
        response!("2.20/documents.list.full_text_query_bad_syntax" => Page<Document>, ignore ["$.corrected_query"]),
        response!("2.20/documents.list.text_param_3x" => Page<Document>),
        response!("2.20/documents.list.title_content" => Page<Document>),
        response!("2.20/documents.notes.create_missing_field" => ApiErrorBody),
        response!("2.20/documents.notes.list.after_create" => Vec<Note>),
        response!("2.20/documents.patch.created_datetime" => Document),
        response!("2.20/documents.post_document.minimal" => TaskUuid),
        response!("2.20/documents.post_document.two_pages" => TaskUuid),
        response!("2.20/documents.retrieve.after_upload" => Document),
        response!("2.20/documents.retrieve.doclink_reflected" => Document),
        response!("2.20/documents.retrieve.png_with_archive" => Document),
        response!("2.20/documents.share_links.after_create" => Vec<ShareLink>),
        response!("2.20/logs.celery" => Vec<String>),
        response!("2.20/mail_rules.create" => MailRule, ignore ["$.stop_processing"]),
        response!("2.20/mail_rules.list" => Page<MailRule>, ignore ["$.results[].stop_processing"]),
        response!("2.20/mail_rules.patch" => MailRule, ignore ["$.stop_processing"]),
        response!("2.20/mail_rules.put" => MailRule, ignore ["$.stop_processing"]),
        response!("2.20/mail_rules.retrieve" => MailRule, ignore ["$.stop_processing"]),
        response!("2.20/profile.get.as_cap_user_new_token" => Profile),
        response!("2.20/saved_views.as_bob" => Page<SavedView>),
        response!("2.20/share_links.create.expired" => ShareLink),
        response!("2.20/tasks.as_bob" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.after_bulk_merge" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.after_post_document" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.after_post_document.first_poll" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.duplicate_upload" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.failure" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.train_classifier" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.by_task_id.unknown" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.list" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.list.after_run" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.list.filter_name_type" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.list.filter_status_failure" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.list.filter_task_type_3x" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.list.page_size2" => Vec<LegacyTask>, ignore ["$[].related_document"]),
        response!("2.20/tasks.retrieve" => LegacyTask, ignore ["$.related_document"]),
        response!("2.20/tasks.run.index_optimize" => RunTaskResult),
        response!("2.20/ui_settings.get.after_post" => UiSettings),
        response!("2.20/ui_settings.get.as_bob" => UiSettings),
        response!("2.20/users.list.page_size1" => Page<User>),
        response!("2.20/version.accept_json_no_version" => Page<Tag>),
        response!("2.20/version.v9_explicit" => Page<Tag>),
        response!("2.20/workflow_triggers.create.scheduled" => WorkflowTrigger),
        response!("2.20/workflows.create.bad_title_template_accepted" => Workflow),
        response!("2.20/workflows.retrieve.updated_trigger" => Workflow),
    ]
}
