//! Fixture mappings for tags, correspondents, document types, storage paths, saved views, users,
//! groups, mail, workflows, configuration, profile, UI settings, status and the other endpoints.

use crate::harness::Entry;

pub fn entries() -> Vec<Entry> {
    vec![]
}
