//! [`Patch`]: the three states of a field in a partial update (PATCH) payload.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of a partial-update payload: leave it as it is, clear it (`null`), or set it.
///
/// Use it with `#[serde(default, skip_serializing_if = "Patch::is_unchanged")]` so that
/// [`Patch::Unchanged`] is omitted from the JSON body entirely; the server then keeps its value.
/// When deserializing, an absent key is `Unchanged`, `null` is `Null` and anything else is `Set`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// The key is not sent: the server keeps its current value.
    #[default]
    Unchanged,
    /// The key is sent as `null`: the server clears the value.
    Null,
    /// The key is sent with this value.
    Set(T),
}

impl<T> Patch<T> {
    /// `true` for [`Patch::Unchanged`]; used by `skip_serializing_if`.
    #[must_use]
    pub const fn is_unchanged(&self) -> bool {
        matches!(self, Self::Unchanged)
    }

    /// The value to set, if any.
    #[must_use]
    pub const fn as_set(&self) -> Option<&T> {
        match self {
            Self::Set(v) => Some(v),
            _ => None,
        }
    }

    /// `Set(v)` for `Some(v)` and `Null` for `None`: the field always changes.
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Set)
    }
}

impl<T> From<Option<T>> for Patch<T> {
    fn from(value: Option<T>) -> Self {
        Self::from_option(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Reached only without `skip_serializing_if`; `null` is the closest honest rendering.
            Self::Unchanged | Self::Null => serializer.serialize_none(),
            Self::Set(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Self::Null, Self::Set))
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq, Default)]
    struct P {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        owner: Patch<u64>,
    }

    #[test]
    fn three_states_on_the_wire() {
        let ser = |p: P| serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(
            ser(P {
                owner: Patch::Unchanged
            }),
            "{}"
        );
        assert_eq!(ser(P { owner: Patch::Null }), r#"{"owner":null}"#);
        assert_eq!(
            ser(P {
                owner: Patch::Set(3)
            }),
            r#"{"owner":3}"#
        );
        let de = |s: &str| serde_json::from_str::<P>(s).ok();
        assert_eq!(
            de("{}"),
            Some(P {
                owner: Patch::Unchanged
            })
        );
        assert_eq!(de(r#"{"owner":null}"#), Some(P { owner: Patch::Null }));
        assert_eq!(
            de(r#"{"owner":7}"#),
            Some(P {
                owner: Patch::Set(7)
            })
        );
    }
}
