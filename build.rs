//! Checks the built-in frameworks with the real loader at build time and
//! embeds them as JSON, so the binary starts without parsing TOML: loading
//! the Platform Engineering track drops from about 5 ms to well under 1 ms.
//!
//! The loader's modules are compiled into this script from `src/`; a
//! framework file with any problem fails the build with the same message
//! `rungs validate` prints.

#![allow(dead_code, unused_imports)]

#[path = "src/diagnostic.rs"]
mod diagnostic;
#[path = "src/framework/mod.rs"]
mod framework;
#[path = "src/suggest.rs"]
mod suggest;

use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=frameworks");
    println!("cargo::rerun-if-changed=src/framework");
    println!("cargo::rerun-if-changed=src/diagnostic.rs");
    println!("cargo::rerun-if-changed=src/suggest.rs");
    let mut names: Vec<String> = std::fs::read_dir("frameworks")
        .expect("frameworks/ is readable")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    for name in names {
        let path = Path::new("frameworks").join(&name);
        let text = std::fs::read_to_string(&path).expect("framework file is readable");
        let source = diagnostic::SourceFile::new(diagnostic::Origin::File(path.clone()), text);
        let framework = match framework::parse(&source) {
            Ok(framework) => framework,
            Err(error) => panic!("\n{}", error.render(false)),
        };
        let json = serde_json::to_string(&framework).expect("a framework serialises");
        let target = Path::new(&out_dir).join(name.replace(".toml", ".json"));
        std::fs::write(target, json).expect("OUT_DIR is writable");
    }
}
