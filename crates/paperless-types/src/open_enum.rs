//! Macros for "open" enums: server values we know get a variant, values from newer servers are
//! kept in a catch-all variant instead of failing to parse, and serialize back unchanged.

/// Declares an enum whose wire form is a string, with an `Other(String)` catch-all.
///
/// ```text
/// string_enum! {
///     /// Doc.
///     pub enum DataType {
///         /// Doc.
///         String => "string",
///     }
/// }
/// ```
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know (from a newer server); kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as the server writes it.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Other(s) => s.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $wire => Self::$variant, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok(Self::from(s.as_ref()))
            }
        }
    };
}

/// Declares an enum whose wire form is an integer, with an `Other(i64)` catch-all.
macro_rules! int_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know (from a newer server); kept as sent.
            Other(i64),
        }

        impl $name {
            /// The value as the server writes it.
            #[must_use]
            pub const fn as_i64(self) -> i64 {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Other(n) => n,
                }
            }
        }

        impl From<i64> for $name {
            fn from(n: i64) -> Self {
                match n {
                    $( $wire => Self::$variant, )*
                    other => Self::Other(other),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.as_i64())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(Self::from(<i64 as serde::Deserialize>::deserialize(d)?))
            }
        }
    };
}

pub(crate) use {int_enum, string_enum};

#[cfg(test)]
mod tests {
    string_enum! {
        /// Test enum.
        pub enum Color {
            /// Red.
            Red => "red",
        }
    }
    int_enum! {
        /// Test enum.
        pub enum Level {
            /// One.
            One => 1,
        }
    }

    #[test]
    fn unknown_values_round_trip() {
        let c: Vec<Color> = serde_json::from_str(r#"["red","ultraviolet"]"#).unwrap_or_default();
        assert_eq!(c, vec![Color::Red, Color::Other("ultraviolet".into())]);
        assert_eq!(
            serde_json::to_string(&c).unwrap_or_default(),
            r#"["red","ultraviolet"]"#
        );
        let l: Vec<Level> = serde_json::from_str("[1,42]").unwrap_or_default();
        assert_eq!(l, vec![Level::One, Level::Other(42)]);
        assert_eq!(serde_json::to_string(&l).unwrap_or_default(), "[1,42]");
    }
}
