//! Names for ids: each kind's objects fetched once per run (one list each), only when a column
//! needs them; and ids for names given on the command line (users by username, the others by
//! name).

use std::collections::HashMap;

use futures_util::TryStreamExt;
use paperless_client::types::user::User;
use paperless_client::{Endpoint, HasName, Paperless, Resource};
use serde_json::Value;

use crate::fail::{CliResult, Fail, code};

/// The kinds of named objects documents refer to (users and groups: in owners and permissions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Tags.
    Tag,
    /// Correspondents.
    Correspondent,
    /// Document types.
    DocumentType,
    /// Storage paths.
    StoragePath,
    /// Custom fields.
    CustomField,
    /// Users, named by their username.
    User,
    /// Groups.
    Group,
}

impl Kind {
    /// The document key that holds this kind's ids.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Tag => "tags",
            Kind::Correspondent => "correspondent",
            Kind::DocumentType => "document_type",
            Kind::StoragePath => "storage_path",
            Kind::CustomField => "custom_fields",
            Kind::User => "owner",
            Kind::Group => "groups",
        }
    }

    /// What one object of the kind is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Tag => "tag",
            Kind::Correspondent => "correspondent",
            Kind::DocumentType => "document type",
            Kind::StoragePath => "storage path",
            Kind::CustomField => "custom field",
            Kind::User => "user",
            Kind::Group => "group",
        }
    }
}

/// The cache of names, per kind.
#[derive(Debug)]
pub struct Names {
    client: Paperless,
    maps: HashMap<Kind, HashMap<u64, String>>,
}

async fn all<R>(endpoint: Endpoint<R>) -> CliResult<HashMap<u64, String>>
where
    R: HasName,
    R::Id: Into<u64>,
{
    listed(endpoint, R::name_of).await
}

/// Every object of a list, id → what `name_of` reads (users have a `username`, no `name`).
async fn listed<R>(
    endpoint: Endpoint<R>,
    name_of: fn(&R::Item) -> &str,
) -> CliResult<HashMap<u64, String>>
where
    R: Resource,
    R::Id: Into<u64>,
{
    let items: Vec<R::Item> = endpoint.stream().try_collect().await?;
    Ok(items
        .iter()
        .map(|i| (R::id_of(i).into(), name_of(i).to_owned()))
        .collect())
}

fn username(user: &User) -> &str {
    &user.username
}

impl Names {
    /// An empty cache over `client`.
    pub fn new(client: Paperless) -> Self {
        Self {
            client,
            maps: HashMap::new(),
        }
    }

    /// The id → name map of `kind`, fetched on first use.
    pub async fn map(&mut self, kind: Kind) -> CliResult<&HashMap<u64, String>> {
        if !self.maps.contains_key(&kind) {
            let c = &self.client;
            let map = match kind {
                Kind::Tag => all(c.tags()).await?,
                Kind::Correspondent => all(c.correspondents()).await?,
                Kind::DocumentType => all(c.document_types()).await?,
                Kind::StoragePath => all(c.storage_paths()).await?,
                Kind::CustomField => all(c.custom_fields()).await?,
                Kind::User => listed(c.users(), username).await?,
                Kind::Group => all(c.groups()).await?,
            };
            self.maps.insert(kind, map);
        }
        Ok(&self.maps[&kind])
    }

    /// Replaces ids by names in a document's JSON for the given columns (fetching each kind
    /// needed once).
    pub async fn resolve_document(&mut self, doc: &mut Value, columns: &[String]) -> CliResult {
        for kind in [
            Kind::Tag,
            Kind::Correspondent,
            Kind::DocumentType,
            Kind::StoragePath,
            Kind::CustomField,
        ] {
            if !columns.iter().any(|c| c == kind.key()) {
                continue;
            }
            let map = self.map(kind).await?;
            let name = |v: &Value| -> Value {
                match v.as_u64() {
                    Some(id) => map
                        .get(&id)
                        .map_or_else(|| Value::from(id), |n| Value::from(n.clone())),
                    None => v.clone(),
                }
            };
            let Some(slot) = doc.get_mut(kind.key()) else {
                continue;
            };
            *slot = match (kind, &*slot) {
                (Kind::Tag, Value::Array(ids)) => Value::Array(ids.iter().map(name).collect()),
                (Kind::CustomField, Value::Array(fields)) => Value::Array(
                    fields
                        .iter()
                        .map(|f| {
                            let field = f.get("field").map(name).unwrap_or(Value::Null);
                            let value = f.get("value").cloned().unwrap_or(Value::Null);
                            Value::from(format!(
                                "{}={}",
                                crate::output::cell(Some(&field)),
                                crate::output::cell(Some(&value))
                            ))
                        })
                        .collect(),
                ),
                (_, v) => name(v),
            };
        }
        Ok(())
    }

    /// The id of a `kind` object given by id or name (users: username): the exact name, else
    /// the only one equal ignoring case. A number is an id.
    pub async fn id(&mut self, kind: Kind, given: &str) -> CliResult<u64> {
        if let Ok(id) = given.parse::<u64>() {
            return Ok(id);
        }
        let map = self.map(kind).await?;
        let found: Vec<u64> = map
            .iter()
            .filter(|(_, n)| n.as_str() == given)
            .map(|(id, _)| *id)
            .collect();
        let found = if found.is_empty() {
            map.iter()
                .filter(|(_, n)| n.to_lowercase() == given.to_lowercase())
                .map(|(id, _)| *id)
                .collect()
        } else {
            found
        };
        match found.as_slice() {
            [id] => Ok(*id),
            [] => Err(Fail::new(
                code::NOT_FOUND,
                format!("no {} named '{given}'", kind.noun()),
            )),
            _ => Err(Fail::usage(format!(
                "several {}s are named '{given}': give the id",
                kind.noun()
            ))),
        }
    }

    /// The ids of several names or ids.
    pub async fn ids(&mut self, kind: Kind, given: &[String]) -> CliResult<Vec<u64>> {
        let mut ids = Vec::new();
        for g in given {
            ids.push(self.id(kind, g).await?);
        }
        Ok(ids)
    }
}

/// A resource's id as a number (ids are `u64` newtypes).
pub fn id_number<R: Resource>(item: &R::Item) -> u64
where
    R::Id: Into<u64>,
{
    R::id_of(item).into()
}
