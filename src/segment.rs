//! Sentence segmentation per language.
