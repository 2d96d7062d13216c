//! Lists, written once for every collection: django-filter style lookups, `ordering`, the page
//! envelope with absolute links, `fields=`.
//!
//! Filters and orderings work on the JSON the server would send for each object, so one
//! implementation serves every resource: `name__icontains=a` looks at `"name"`,
//! `tags__id__all=3,5` at `"tags"`, `created__date__gte=2025-03-01` at `"created"`.

use std::cmp::Ordering;

use http::StatusCode;
use paperless_types::Page;
use serde_json::{Map, Value};

use crate::http::{Query, Reply, is_true};

/// The page size when the request names none (`PAGINATE_BY`).
pub(crate) const DEFAULT_PAGE_SIZE: u64 = 25;
/// The largest `page_size` the server accepts; larger values are capped.
pub(crate) const MAX_PAGE_SIZE: u64 = 100_000;

/// Query parameters that never filter.
const NOT_FILTERS: &[&str] = &[
    "page",
    "page_size",
    "fields",
    "full_perms",
    "truncate_content",
    "format",
    "ordering",
];

/// One JSON object of a list.
pub(crate) type Object = Map<String, Value>;

/// What a collection can be filtered and ordered by.
pub(crate) struct Filters<'a> {
    /// The fields (top-level JSON keys) lookups may name; other parameters are ignored, as the
    /// server ignores parameters it does not know.
    pub(crate) fields: &'a [&'a str],
    /// Parameters with their own meaning (`is_root`, `is_tagged`, ...): `Some(passes)` when the
    /// parameter is one of them.
    pub(crate) special: &'a dyn Fn(&str, &str, &Object) -> Option<bool>,
}

/// Computes `display_count` from the ids of every matching object.
pub(crate) type DisplayCount<'a> = &'a dyn Fn(&[u64]) -> u64;

/// The page envelope's optional members.
#[derive(Clone, Copy, Default)]
pub(crate) struct Envelope<'a> {
    /// Tags send `display_count`, computed from the ids of every matching object.
    pub(crate) display_count: Option<DisplayCount<'a>>,
    /// Full-text searches send `corrected_query: null`.
    pub(crate) corrected_query: bool,
}

/// The request a list answers.
pub(crate) struct ListRequest<'a> {
    pub(crate) query: &'a Query,
    pub(crate) path: &'a str,
    pub(crate) origin: &'a str,
    pub(crate) api_version: u32,
}

/// Lists `ids` (in default order) as one page.
///
/// `render` produces the JSON of one object (or `None` to skip it). Objects are rendered only for
/// the page asked for unless filters or an ordering need all of them.
///
/// # Errors
/// The 404 `Invalid page.` reply.
pub(crate) fn list(
    request: &ListRequest<'_>,
    ids: &[u64],
    render: &dyn Fn(u64) -> Option<Object>,
    filters: &Filters<'_>,
    envelope: Envelope<'_>,
) -> Result<Reply, Reply> {
    let query = request.query;
    let filtering = query
        .pairs()
        .iter()
        .any(|(k, _)| !NOT_FILTERS.contains(&k.as_str()));
    let ordering = query.get("ordering").filter(|o| !o.is_empty());

    let (count, all, page_items): (u64, Vec<u64>, Vec<Object>) = if filtering || ordering.is_some()
    {
        let mut objects: Vec<Object> = ids
            .iter()
            .filter_map(|id| render(*id))
            .filter(|o| passes(o, query, filters))
            .collect();
        if let Some(ordering) = ordering {
            sort(&mut objects, ordering, filters.fields);
        }
        let all: Vec<u64> = objects
            .iter()
            .filter_map(|o| o.get("id").and_then(Value::as_u64))
            .collect();
        let count = objects.len() as u64;
        let (start, end) = bounds(query, count)?;
        let items = objects
            .into_iter()
            .skip(usize::try_from(start).unwrap_or(usize::MAX))
            .take(usize::try_from(end - start).unwrap_or(0))
            .collect();
        (count, all, items)
    } else {
        let count = ids.len() as u64;
        let (start, end) = bounds(query, count)?;
        let items = ids
            .iter()
            .skip(usize::try_from(start).unwrap_or(usize::MAX))
            .take(usize::try_from(end - start).unwrap_or(0))
            .filter_map(|id| render(*id))
            .collect();
        (count, ids.to_vec(), items)
    };

    let fields = fields_param(query);
    let results: Vec<Value> = page_items
        .into_iter()
        .map(|o| Value::Object(select_fields(o, fields.as_deref())))
        .collect();

    let (page, size) = page_and_size(query)?;
    let last = count.div_ceil(size).max(1);
    let link = |n: Option<u64>| {
        let q = query.with_page(n);
        if q.is_empty() {
            format!("{}{}", request.origin, request.path)
        } else {
            format!("{}{}?{}", request.origin, request.path, q)
        }
    };
    let listed = results.len() as u64;
    let mut envelope_page = Page::new(count, results);
    envelope_page.next = (page < last).then(|| link(Some(page + 1)));
    envelope_page.previous = match page {
        1 => None,
        2 => Some(link(None)),
        n => Some(link(Some(n - 1))),
    };
    if let Some(display_count) = envelope.display_count {
        envelope_page.display_count = Some(display_count(&all));
    }
    if request.api_version < 10 {
        envelope_page.all = Some(all);
    }
    let mut value = serde_json::to_value(&envelope_page).unwrap_or(Value::Null);
    if envelope.corrected_query
        && let Some(map) = value.as_object_mut()
    {
        map.insert("corrected_query".to_owned(), Value::Null);
    }
    let mut reply = Reply::ok(&value);
    reply.objects = listed;
    Ok(reply)
}

/// Keeps only the keys `fields=` names (all of them without it).
pub(crate) fn select_fields(object: Object, fields: Option<&[&str]>) -> Object {
    match fields {
        None => object,
        Some(fields) => object
            .into_iter()
            .filter(|(k, _)| fields.contains(&k.as_str()))
            .collect(),
    }
}

/// The `fields=` of a query, split.
pub(crate) fn fields_param(query: &Query) -> Option<Vec<&str>> {
    query.get("fields").map(|f| {
        f.split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect()
    })
}

/// The requested page number and page size.
fn page_and_size(query: &Query) -> Result<(u64, u64), Reply> {
    let size = query
        .get("page_size")
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(DEFAULT_PAGE_SIZE, |s| s.min(MAX_PAGE_SIZE));
    let page = match query.get("page") {
        None => 1,
        Some(p) => p
            .parse::<u64>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(invalid_page)?,
    };
    Ok((page, size))
}

/// The range of objects on the requested page.
fn bounds(query: &Query, count: u64) -> Result<(u64, u64), Reply> {
    let (page, size) = page_and_size(query)?;
    let last = count.div_ceil(size).max(1);
    if page > last {
        return Err(invalid_page());
    }
    let start = (page - 1) * size;
    Ok((start, (start + size).min(count)))
}

fn invalid_page() -> Reply {
    Reply::detail(StatusCode::NOT_FOUND, "Invalid page.")
}

/// Whether an object passes every filter of the query.
fn passes(object: &Object, query: &Query, filters: &Filters<'_>) -> bool {
    query.pairs().iter().all(|(key, value)| {
        if NOT_FILTERS.contains(&key.as_str()) {
            return true;
        }
        if let Some(pass) = (filters.special)(key, value, object) {
            return pass;
        }
        lookup(object, key, value, filters.fields).unwrap_or(true)
    })
}

/// Applies one django-filter lookup (`field[__id][__date]__op=value`); `None` when the parameter
/// is not a filter of this collection (and so is ignored).
fn lookup(object: &Object, key: &str, value: &str, fields: &[&str]) -> Option<bool> {
    let mut parts = key.split("__");
    let base = parts.next()?;
    if base != "id" && !fields.contains(&base) {
        return None;
    }
    let ops: Vec<&str> = parts.filter(|p| *p != "id" && *p != "date").collect();
    let op = match ops.as_slice() {
        [] => "exact",
        [op] => op,
        _ => return None,
    };
    let field = object.get(base).unwrap_or(&Value::Null);
    // Custom field instances are filtered by their field id.
    let field = if base == "custom_fields" {
        &Value::Array(
            field
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|i| i.get("field").cloned())
                        .collect()
                })
                .unwrap_or_default(),
        )
    } else {
        field
    };
    let list: Vec<&str> = value.split(',').map(str::trim).collect();
    Some(match (op, field) {
        ("isnull", f) => is_true(value) == (f.is_null() || f.as_array().is_some_and(Vec::is_empty)),
        ("in", Value::Array(items)) => items.iter().any(|i| list.iter().any(|v| equals(i, v))),
        ("in", f) => list.iter().any(|v| equals(f, v)),
        ("all", Value::Array(items)) => list.iter().all(|v| items.iter().any(|i| equals(i, v))),
        ("none", Value::Array(items)) => !items.iter().any(|i| list.iter().any(|v| equals(i, v))),
        ("exact", Value::Array(items)) => items.iter().any(|i| equals(i, value)),
        ("exact", f) => equals(f, value),
        ("iexact", f) => text(f).is_some_and(|t| t.eq_ignore_ascii_case(value)),
        ("icontains", f) => text(f).is_some_and(|t| lower(&t).contains(&lower(value))),
        ("istartswith", f) => text(f).is_some_and(|t| lower(&t).starts_with(&lower(value))),
        ("iendswith", f) => text(f).is_some_and(|t| lower(&t).ends_with(&lower(value))),
        ("gt" | "gte" | "lt" | "lte", f) => match compare_to(f, value) {
            None => false,
            Some(ord) => match op {
                "gt" => ord == Ordering::Greater,
                "gte" => ord != Ordering::Less,
                "lt" => ord == Ordering::Less,
                _ => ord != Ordering::Greater,
            },
        },
        _ => return None,
    })
}

fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// A scalar as text (strings as they are, numbers and booleans as written).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a JSON scalar equals a query value.
fn equals(field: &Value, value: &str) -> bool {
    match field {
        Value::Number(n) => match (n.as_f64(), value.parse::<f64>()) {
            (Some(a), Ok(b)) => (a - b).abs() < f64::EPSILON,
            _ => false,
        },
        Value::Bool(b) => *b == is_true(value),
        Value::String(s) => s == value,
        Value::Null => value.is_empty() || value == "null",
        _ => false,
    }
}

/// Compares a field with a query value: numbers numerically, text by its first `len(value)`
/// characters (so a date bound compares with a datetime field).
fn compare_to(field: &Value, value: &str) -> Option<Ordering> {
    match field {
        Value::Number(n) => n.as_f64()?.partial_cmp(&value.parse::<f64>().ok()?),
        Value::String(s) => {
            let prefix: String = s.chars().take(value.chars().count()).collect();
            Some(prefix.as_str().cmp(value))
        }
        _ => None,
    }
}

/// Sorts by `ordering` (`-name,id`): strings ignoring case, nulls first; unknown keys ignored.
fn sort(objects: &mut [Object], ordering: &str, fields: &[&str]) {
    let keys: Vec<(&str, bool)> = ordering
        .split(',')
        .map(str::trim)
        .filter_map(|k| {
            let (key, desc) = k.strip_prefix('-').map_or((k, false), |k| (k, true));
            (key == "id" || fields.contains(&key)).then_some((key, desc))
        })
        .collect();
    if keys.is_empty() {
        return;
    }
    objects.sort_by(|a, b| {
        for (key, desc) in &keys {
            let ord = compare_values(
                a.get(*key).unwrap_or(&Value::Null),
                b.get(*key).unwrap_or(&Value::Null),
            );
            let ord = if *desc { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
}

fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => lower(x).cmp(&lower(y)),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => x.len().cmp(&y.len()),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Object {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn lookups_follow_django_filter() {
        let doc = obj(json!({
            "id": 5, "title": "Telekom invoice", "tags": [3, 1, 5], "correspondent": 3,
            "created": "2025-02-05", "archive_serial_number": null,
            "custom_fields": [{"field": 1, "value": "x"}]
        }));
        let fields = &[
            "title",
            "tags",
            "correspondent",
            "created",
            "archive_serial_number",
            "custom_fields",
        ];
        let check = |k: &str, v: &str| lookup(&doc, k, v, fields);
        assert_eq!(check("title__icontains", "INVOICE"), Some(true));
        assert_eq!(check("tags__id__all", "3,5"), Some(true));
        assert_eq!(check("tags__id__all", "3,9"), Some(false));
        assert_eq!(check("tags__id__none", "9"), Some(true));
        assert_eq!(check("tags__id__in", "9,1"), Some(true));
        assert_eq!(check("correspondent__id", "3"), Some(true));
        assert_eq!(check("correspondent__id__in", "4,7"), Some(false));
        assert_eq!(check("created__date__gte", "2025-02-01"), Some(true));
        assert_eq!(check("created__date__lte", "2025-01-31"), Some(false));
        assert_eq!(check("archive_serial_number__isnull", "true"), Some(true));
        assert_eq!(check("custom_fields__id__in", "1"), Some(true));
        assert_eq!(check("id__in", "4,5"), Some(true));
        assert_eq!(check("unknown__icontains", "x"), None);
    }

    #[test]
    fn ordering_ignores_case_and_unknown_keys() {
        let mut items = vec![
            obj(json!({"id": 1, "name": "beta"})),
            obj(json!({"id": 2, "name": "Alpha"})),
            obj(json!({"id": 3, "name": "gamma"})),
        ];
        sort(&mut items, "-name", &["name"]);
        let ids: Vec<u64> = items.iter().map(|o| o["id"].as_u64().unwrap()).collect();
        assert_eq!(ids, [3, 1, 2]);
        sort(&mut items, "nope", &["name"]);
        let ids: Vec<u64> = items.iter().map(|o| o["id"].as_u64().unwrap()).collect();
        assert_eq!(ids, [3, 1, 2]);
    }
}
