//! The structure of a UN document.
