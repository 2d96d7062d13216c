//! Fixture mappings for tags, correspondents, document types, storage paths, saved views, users,
//! groups, mail, workflows, configuration, profile, UI settings, status and the other endpoints.

use paperless_types::Page;
use paperless_types::tag::{NewTag, Tag, TagPatch};

use crate::harness::Entry;
use crate::{request, response};

pub fn entries() -> Vec<Entry> {
    vec![
        // Tags.
        response!("tags.as_bob" => Page<Tag>),
        response!("tags.create" => Tag),
        request!("tags.create" => NewTag),
        response!("tags.list.filter_name_icontains" => Page<Tag>),
        response!("tags.list.full_perms" => Page<Tag>),
        response!("tags.list.id_in" => Page<Tag>),
        response!("tags.list.inbox" => Page<Tag>),
        response!("tags.list.is_root" => Page<Tag>),
        response!("tags.list.page2" => Page<Tag>),
        response!("tags.list.page_size2" => Page<Tag>),
        response!("tags.patch" => Tag),
        request!("tags.patch" => TagPatch),
        response!("tags.put" => Tag),
        request!("tags.put" => TagPatch),
        response!("tags.retrieve.full_perms" => Tag),
        response!("tags.retrieve" => Tag),
        // API version negotiation: ordinary tag pages (v9 adds `all`).
        response!("version.none_header" => Page<Tag>),
        response!("version.v10_explicit" => Page<Tag>),
        response!("version.v9" => Page<Tag>),
    ]
}
