//! Decoding and conversion furniture.
