//! Gradient clipping, as Keras's optimizers do it before each step.

use shaped_layers::Float;

use super::Settings;

/// Clips `grads` (variables of `lengths`, in order) by the one rule `settings` names.
pub(crate) fn clip<E: Float>(settings: &Settings, lengths: &[usize], grads: &mut [E]) {
    let to = |v: E| v.to_f64().unwrap_or(f64::NAN);
    if let Some(norm) = settings.clipnorm.filter(|&n| n > 0.0) {
        // Each variable on its own: g * clipnorm / max(||g||, clipnorm).
        let mut at = 0;
        for &len in lengths {
            let g = &mut grads[at..at + len];
            let l2: f64 = g.iter().map(|&v| to(v) * to(v)).sum::<f64>().sqrt();
            let scale = norm / l2.max(norm);
            if scale != 1.0 || l2.is_nan() {
                let s = E::from(scale).unwrap_or_else(E::nan);
                g.iter_mut().for_each(|v| *v = *v * s);
            }
            at += len;
        }
    } else if let Some(norm) = settings.global_clipnorm.filter(|&n| n > 0.0) {
        // All together: g * clipnorm / max(global norm, clipnorm); a NaN norm makes every
        // gradient NaN, as TensorFlow's clip_by_global_norm.
        let l2: f64 = grads.iter().map(|&v| to(v) * to(v)).sum::<f64>().sqrt();
        let scale = if l2.is_nan() { f64::NAN } else { norm * (1.0 / l2).min(1.0 / norm) };
        if scale != 1.0 || scale.is_nan() {
            let s = E::from(scale).unwrap_or_else(E::nan);
            grads.iter_mut().for_each(|v| *v = *v * s);
        }
    } else if let Some(value) = settings.clipvalue.filter(|&v| v > 0.0) {
        let (lo, hi) = (E::from(-value).unwrap_or_else(E::nan), E::from(value).unwrap_or_else(E::nan));
        // NaN stays NaN (a comparison with NaN is false).
        grads.iter_mut().for_each(|v| {
            if *v < lo {
                *v = lo;
            } else if *v > hi {
                *v = hi;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipnorm_scales_each_variable_to_its_own_norm() {
        let mut s = Settings::new(0.1);
        s.clipnorm = Some(1.0);
        let mut g = [3.0f64, 4.0, 0.3, 0.4];
        clip(&s, &[2, 2], &mut g);
        assert!((g[0] - 0.6).abs() < 1e-15 && (g[1] - 0.8).abs() < 1e-15);
        assert_eq!(&g[2..], &[0.3, 0.4]); // under the norm: untouched
    }

    #[test]
    fn global_clipnorm_scales_all_together() {
        let mut s = Settings::new(0.1);
        s.global_clipnorm = Some(2.5);
        let mut g = [3.0f64, 4.0];
        clip(&s, &[1, 1], &mut g);
        assert!((g[0] - 1.5).abs() < 1e-15 && (g[1] - 2.0).abs() < 1e-15);
        let mut nan = [f64::NAN, 1.0];
        clip(&s, &[2], &mut nan);
        assert!(nan.iter().all(|v| v.is_nan()));
    }

    #[test]
    fn clipvalue_clips_elements_and_keeps_nan() {
        let mut s = Settings::new(0.1);
        s.clipvalue = Some(0.5);
        let mut g = [-2.0f32, 0.25, 9.0, f32::NAN];
        clip(&s, &[4], &mut g);
        assert_eq!(&g[..3], &[-0.5, 0.25, 0.5]);
        assert!(g[3].is_nan());
    }
}
