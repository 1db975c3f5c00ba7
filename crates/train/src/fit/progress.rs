//! The per-epoch progress display, as Keras's `verbose=1` and `verbose=2` print it.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Logs;

/// One epoch's display: a bar with the running logs (`verbose=1`, on a terminal), then one
/// line (`verbose=1` and `verbose=2`): `2/2 - 1s 12ms/step - accuracy: 0.5000 - loss: 0.6931`.
pub(crate) struct EpochProgress {
    bar: Option<ProgressBar>,
    steps: usize,
    start: Instant,
    verbose: u8,
}

impl EpochProgress {
    pub(crate) fn start(verbose: u8, epoch: usize, epochs: usize, steps: usize) -> Self {
        if verbose > 0 {
            println!("Epoch {}/{}", epoch + 1, epochs);
        }
        let bar = (verbose == 1).then(|| {
            let bar = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::stdout());
            let style = ProgressStyle::with_template("{pos:>4}/{len} {bar:20} {elapsed} - {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("━━ "));
            bar
        });
        Self { bar, steps, start: Instant::now(), verbose }
    }

    pub(crate) fn step(&self, logs: &Logs) {
        if let Some(bar) = &self.bar {
            bar.set_message(logs.line());
            bar.inc(1);
        }
    }

    pub(crate) fn finish(self, logs: &Logs) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.verbose > 0 {
            let elapsed = self.start.elapsed();
            let per_step = elapsed.as_secs_f64() * 1e3 / self.steps.max(1) as f64;
            println!(
                "{s}/{s} - {:.0}s {:.0}ms/step - {}",
                elapsed.as_secs_f64(),
                per_step,
                logs.line(),
                s = self.steps
            );
        }
    }
}
