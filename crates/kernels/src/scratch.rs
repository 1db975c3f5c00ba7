//! Working memory of a forward call.

/// Buffers a forward call may need (channels-first inputs and outputs are transposed through
/// them). Grows on first use for a given size and is reused after, so calls with the same
/// geometry do not allocate.
#[derive(Clone, Debug, Default)]
pub struct Conv1dScratch<T> {
    input: Vec<T>,
    output: Vec<T>,
}

impl<T> Conv1dScratch<T> {
    /// Empty scratch; it grows on first use.
    #[must_use]
    pub fn new() -> Self {
        Conv1dScratch { input: Vec::new(), output: Vec::new() }
    }
}

impl<T: Copy + Default> Conv1dScratch<T> {
    /// Buffers of at least `input` and `output` elements.
    pub(crate) fn buffers(&mut self, input: usize, output: usize) -> (&mut [T], &mut [T]) {
        if self.input.len() < input {
            self.input.resize(input, T::default());
        }
        if self.output.len() < output {
            self.output.resize(output, T::default());
        }
        (&mut self.input[..input], &mut self.output[..output])
    }
}
