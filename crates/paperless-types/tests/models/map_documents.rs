//! Fixture mappings for documents, notes, search, custom fields, tasks, trash, share links and bulk edits.

use crate::harness::Entry;

pub fn entries() -> Vec<Entry> {
    vec![]
}
