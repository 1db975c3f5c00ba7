// The test oracle: a plain, obviously correct Conv1D, written straight from the definition
//
//   out[n, t, o] = act(bias[o] + sum_k sum_c xp[n, t*stride + k*dilation, g*cig + c] * w[k, c, o])
//
// with `xp` the input padded by `pad_left`/`pad_right` zeros and `g = o / (filters/groups)`.
// Channels-last, Keras kernel layout (K, Cin/groups, filters), f64 accumulation. It is
// `include!`d by the kernel unit tests and by the integration tests, and is deliberately
// unoptimised.

/// Arguments of the reference convolution.
#[allow(dead_code)]
#[derive(Clone, Copy, Debug)]
pub struct RefConv {
    pub batch: usize,
    pub length: usize,
    pub in_channels: usize,
    pub filters: usize,
    pub kernel_size: usize,
    pub stride: usize,
    pub dilation: usize,
    pub groups: usize,
    pub pad_left: usize,
    pub pad_right: usize,
    pub relu: bool,
}

#[allow(dead_code)]
impl RefConv {
    /// Output length, or `None` when the kernel does not fit.
    pub fn output_length(&self) -> Option<usize> {
        let padded = self.length + self.pad_left + self.pad_right;
        let eff = self.dilation * (self.kernel_size - 1) + 1;
        (padded >= eff).then(|| (padded - eff) / self.stride + 1)
    }

    /// Channels-last input `(B, L, Cin)`, Keras kernel `(K, Cin/groups, F)`, output `(B, Lout, F)`.
    pub fn run(&self, input: &[f64], kernel: &[f64], bias: Option<&[f64]>) -> Vec<f64> {
        let lout = self.output_length().expect("kernel does not fit");
        let cig = self.in_channels / self.groups;
        let fog = self.filters / self.groups;
        let padded = self.length + self.pad_left + self.pad_right;
        // Build the padded input explicitly: the plainest possible reading of the definition.
        let mut xp = vec![0.0f64; self.batch * padded * self.in_channels];
        for n in 0..self.batch {
            for t in 0..self.length {
                for c in 0..self.in_channels {
                    xp[(n * padded + t + self.pad_left) * self.in_channels + c] =
                        input[(n * self.length + t) * self.in_channels + c];
                }
            }
        }
        let mut out = vec![0.0f64; self.batch * lout * self.filters];
        for n in 0..self.batch {
            for t in 0..lout {
                for o in 0..self.filters {
                    let g = o / fog;
                    let mut acc = bias.map_or(0.0, |b| b[o]);
                    for k in 0..self.kernel_size {
                        for c in 0..cig {
                            let pos = t * self.stride + k * self.dilation;
                            acc += xp[(n * padded + pos) * self.in_channels + g * cig + c]
                                * kernel[(k * cig + c) * self.filters + o];
                        }
                    }
                    if self.relu && acc < 0.0 {
                        acc = 0.0;
                    }
                    out[(n * lout + t) * self.filters + o] = acc;
                }
            }
        }
        out
    }
}

/// Transposes `(B, X, Y)` to `(B, Y, X)`: converts between channels-last and channels-first.
#[allow(dead_code)]
pub fn swap_last_axes<T: Copy>(data: &[T], batch: usize, x: usize, y: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(data.len());
    for n in 0..batch {
        for j in 0..y {
            for i in 0..x {
                out.push(data[(n * x + i) * y + j]);
            }
        }
    }
    out
}
