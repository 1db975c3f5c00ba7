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

    /// Scratch made of buffers the caller holds (a workspace's, say): a call whose input and
    /// output fit in them does not allocate. Their contents are overwritten.
    pub fn from_buffers(input: Vec<T>, output: Vec<T>) -> Self {
        Conv1dScratch { input, output }
    }

    /// The buffers back, `(input, output)`, to return to where they came from.
    pub fn into_buffers(self) -> (Vec<T>, Vec<T>) {
        (self.input, self.output)
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
