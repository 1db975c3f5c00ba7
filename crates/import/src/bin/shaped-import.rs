//! `shaped-import <model.keras|model.h5> [ModelName]`: prints the layers Keras saved and the
//! Rust source of the typed model.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: shaped-import <model.keras|model.h5> [ModelName]");
        return ExitCode::from(2);
    };
    let name = args.get(1).map_or("KerasModel", String::as_str);
    match shaped_import::generate_file(path, name) {
        Ok(g) => {
            eprint!("{}", g.summary());
            print!("{}", g.source);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
