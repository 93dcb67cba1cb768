//! Reading a scenario: JSON with the path of the offending field on error,
//! then the library's validation.

use sigsim::{validate, Plan, Scenario};
use std::io::Read;

/// Reads FILE (or stdin for `-`) and validates it; the error is the one
/// line the CLI prints.
pub fn load_plan(file: &str) -> Result<Plan, String> {
    let text = read(file)?;
    let scenario = parse(&text)?;
    validate(&scenario).map_err(|e| e.to_string())
}

pub fn read(file: &str) -> Result<String, String> {
    let mut text = String::new();
    let r = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map(|_| ())
    };
    r.map_err(|e| format!("{file}: cannot read: {e}"))?;
    Ok(text)
}

/// Parses a scenario, naming the field where parsing failed.
pub fn parse(text: &str) -> Result<Scenario, String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            format!("invalid JSON: {inner}")
        } else if path == "." {
            format!("{inner}")
        } else {
            format!("{path}: {}", strip_position(&inner.to_string()))
        }
    })
}

fn strip_position(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}
