//! Strict and lax precision, recall and F1 against a gold alignment.
