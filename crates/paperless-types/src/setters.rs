//! Internal: the chained `with_*` setters of request payloads, generated from one line per field.
//!
//! ```text
//! setters! { TagPatch {
//!     opt name: String => with_name;          // Option<T> field: with_name(impl Into<T>) sets Some
//!     patch parent: TagId => with_parent;     // Patch<T> field: with_parent(Option<T>): Some sets, None clears
//!     list children: TagId => with_children;  // Option<Vec<T>> field: with_children(impl IntoIterator<Item = T>)
//!     val name: String => with_name;          // plain T field: with_name(impl Into<T>)
//! }}
//! ```

macro_rules! setters {
    ($ty:ty { $($kind:ident $field:ident : $fty:ty => $setter:ident;)* }) => {
        impl $ty {
            $( $crate::setters::setters!(@$kind $field : $fty => $setter); )*
        }
    };
    (@opt $field:ident : $fty:ty => $setter:ident) => {
        #[doc = concat!("Sets the `", stringify!($field), "` field.")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<$fty>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
    (@patch $field:ident : $fty:ty => $setter:ident) => {
        #[doc = concat!(
            "Sets the `", stringify!($field),
            "` field: `Some(value)` sets it, `None` clears it (sends `null`)."
        )]
        #[must_use]
        pub fn $setter(mut self, value: Option<$fty>) -> Self {
            self.$field = $crate::patch::Patch::from_option(value);
            self
        }
    };
    (@list $field:ident : $fty:ty => $setter:ident) => {
        #[doc = concat!("Sets the `", stringify!($field), "` field to these values.")]
        #[must_use]
        pub fn $setter(mut self, values: impl IntoIterator<Item = $fty>) -> Self {
            self.$field = Some(values.into_iter().collect());
            self
        }
    };
    (@val $field:ident : $fty:ty => $setter:ident) => {
        #[doc = concat!("Sets the `", stringify!($field), "` field.")]
        #[must_use]
        pub fn $setter(mut self, value: impl Into<$fty>) -> Self {
            self.$field = value.into();
            self
        }
    };
}

pub(crate) use setters;
