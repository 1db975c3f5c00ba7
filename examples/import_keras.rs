//! From a Keras file to a typed model: prints the layers Keras saved and the Rust source of the
//! `shaped::model!` declaration generated for them.
//!
//! `cargo run --release --example import_keras -- data/models/gunpoint_resnet/model.keras GunPointResNet`

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "data/models/gunpoint_resnet/model.keras".to_string());
    let name = args.next().unwrap_or_else(|| "KerasModel".to_string());
    match shaped_import::generate_file(&path, &name) {
        Ok(generated) => {
            println!("{path}: {} layers\n", generated.graph.layers.len());
            println!("{}", generated.summary());
            println!("{}", generated.source);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
