//! What `fit` returns: the logs of every epoch.

use std::collections::BTreeMap;

/// The values `fit` logged, per epoch (Keras `History.history`): `loss`, each metric, their
/// `val_` forms with validation data, and `learning_rate`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    logs: BTreeMap<String, Vec<f64>>,
    epochs: usize,
}

impl History {
    /// The values of `key`, one per epoch run.
    pub fn get(&self, key: &str) -> Option<&[f64]> {
        self.logs.get(key).map(Vec::as_slice)
    }

    /// The epochs run (fewer than asked when early stopping ended training).
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// The logged keys.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.logs.keys().map(String::as_str)
    }

    pub(crate) fn push(&mut self, logs: &Logs) {
        for (k, v) in &logs.values {
            self.logs.entry(k.clone()).or_default().push(*v);
        }
        self.epochs += 1;
    }
}

/// One epoch's (or one evaluation's) values, in the order Keras prints them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Logs {
    values: Vec<(String, f64)>,
}

impl Logs {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<f64> {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// The values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.values.iter().map(|(k, v)| (k.as_str(), *v))
    }

    pub(crate) fn set(&mut self, key: &str, value: f64) {
        match self.values.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key.to_string(), value)),
        }
    }

    /// `accuracy: 0.9500 - loss: 0.1234`, as Keras's progress bar shows them (sorted).
    pub fn line(&self) -> String {
        let mut v: Vec<_> = self.values.iter().filter(|(k, _)| k != "learning_rate").collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.iter().map(|(k, x)| format!("{k}: {x:.4}")).collect::<Vec<_>>().join(" - ")
    }
}
