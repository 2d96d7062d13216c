//! [`MatchingAlgorithm`]: how Paperless-ngx decides that a tag, correspondent, document type or
//! storage path applies to a newly consumed document (and how a workflow trigger matches content).
//!
//! Used by [`crate::tag::Tag`], [`crate::correspondent::Correspondent`],
//! [`crate::document_type::DocumentType`], [`crate::storage_path::StoragePath`] and
//! [`crate::workflow_trigger::WorkflowTrigger`].

crate::open_enum::int_enum! {
    /// The automatic matching algorithm of an object (`matching_algorithm`).
    ///
    /// The object's `match` text is interpreted according to this algorithm; see
    /// <https://docs.paperless-ngx.com/advanced_usage/#matching>.
    pub enum MatchingAlgorithm {
        /// `0`: never match automatically.
        None => 0,
        /// `1`: the document contains any of the words in `match`.
        Any => 1,
        /// `2`: the document contains all of the words in `match`.
        All => 2,
        /// `3`: the document contains `match` as an exact phrase.
        Literal => 3,
        /// `4`: the document matches `match` as a regular expression.
        Regex => 4,
        /// `5`: the document contains a word close to `match` (fuzzy matching).
        Fuzzy => 5,
        /// `6`: the server's classifier learns from the documents already assigned (not
        /// available for workflow triggers).
        Auto => 6,
    }
}

impl Default for MatchingAlgorithm {
    /// [`MatchingAlgorithm::Any`], the server's default for new objects.
    fn default() -> Self {
        Self::Any
    }
}

#[cfg(test)]
mod tests {
    use super::MatchingAlgorithm;

    #[test]
    fn wire_values() {
        let all: Vec<MatchingAlgorithm> = serde_json::from_str("[0,1,2,3,4,5,6,7]").unwrap();
        assert_eq!(
            all,
            [
                MatchingAlgorithm::None,
                MatchingAlgorithm::Any,
                MatchingAlgorithm::All,
                MatchingAlgorithm::Literal,
                MatchingAlgorithm::Regex,
                MatchingAlgorithm::Fuzzy,
                MatchingAlgorithm::Auto,
                MatchingAlgorithm::Other(7),
            ]
        );
        assert_eq!(serde_json::to_string(&all).unwrap(), "[0,1,2,3,4,5,6,7]");
        assert_eq!(MatchingAlgorithm::default(), MatchingAlgorithm::Any);
    }
}
