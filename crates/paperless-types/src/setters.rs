//! Internal: the chained setters of request payloads, generated from one line per field.
//!
//! Each setter is named after the wire field it sets, with no prefix (docs/ARCHITECTURE.md,
//! "Naming"): the macro takes the field's name as the method's name, so a setter cannot drift from
//! its field. Rust keywords keep their raw identifier (`r#match`).
//!
//! ```text
//! setters! { TagPatch {
//!     opt name: String;          // Option<T> field: name(impl Into<T>) sets Some
//!     patch parent: TagId;       // Patch<T> field: parent(Option<T>): Some sets, None clears
//!     list children: TagId;      // Option<Vec<T>> field: children(impl IntoIterator<Item = T>)
//!     val name: String;          // plain T field: name(impl Into<T>)
//! }}
//! ```

macro_rules! setters {
    ($ty:ty { $($kind:ident $field:ident : $fty:ty;)* }) => {
        impl $ty {
            $( $crate::setters::setters!(@$kind $field : $fty); )*
        }
    };
    (@opt $field:ident : $fty:ty) => {
        #[doc = concat!("Sets the `", stringify!($field), "` field.")]
        #[must_use]
        pub fn $field(mut self, value: impl Into<$fty>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    (@patch $field:ident : $fty:ty) => {
        #[doc = concat!(
            "Sets the `", stringify!($field),
            "` field: `Some(value)` sets it, `None` clears it (sends `null`)."
        )]
        #[must_use]
        pub fn $field(mut self, value: Option<$fty>) -> Self {
            self.$field = $crate::patch::Patch::from_option(value);
            self
        }
    };
    (@list $field:ident : $fty:ty) => {
        #[doc = concat!("Sets the `", stringify!($field), "` field to these values.")]
        #[must_use]
        pub fn $field(mut self, values: impl IntoIterator<Item = $fty>) -> Self {
            self.$field = Some(values.into_iter().collect());
            self
        }
    };
    (@val $field:ident : $fty:ty) => {
        #[doc = concat!("Sets the `", stringify!($field), "` field.")]
        #[must_use]
        pub fn $field(mut self, value: impl Into<$fty>) -> Self {
            self.$field = value.into();
            self
        }
    };
}

pub(crate) use setters;
