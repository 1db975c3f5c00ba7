//! The guide: the seed article's Keras examples, and how the types work.
