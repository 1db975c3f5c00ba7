//! Conv1D benches (placeholder).
fn main() {}
