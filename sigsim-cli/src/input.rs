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

/// Parses a scenario, naming the field where parsing failed. Text that is
/// not JSON is refused as such first, by the page's own parser
/// (`sigsim::json::parse`), whatever it holds before the fault: serde
/// reads as it goes and would name the first field of the wrong type
/// instead. With that, both readers refuse the same inputs at the same
/// path (`sigsim/tests/json.rs`); a number past f64's range, which
/// serde_json alone calls invalid JSON, is refused at its field by both.
pub fn parse(text: &str) -> Result<Scenario, String> {
    sigsim::json::parse(text).map_err(|e| e.to_string())?;
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = strip_position(&e.inner().to_string()).to_string();
        if path == "." {
            inner
        } else {
            format!("{path}: {inner}")
        }
    })
}

fn strip_position(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// The CLI's error names the path the page's reader names (the
    /// exhaustive comparison, on serde itself, is `sigsim/tests/json.rs`).
    #[track_caller]
    fn agrees(text: &str) {
        match (parse(text), sigsim::json::scenario_from_str(text)) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(cli), Err(page)) if page.path.is_empty() => assert_eq!(
                cli.starts_with("invalid JSON"),
                page.message.starts_with("invalid JSON"),
                "{cli} / {page}"
            ),
            (Err(cli), Err(page)) => assert!(
                cli.starts_with(&format!("{}: ", page.path)),
                "{cli} / {page}"
            ),
            (cli, page) => panic!("cli {cli:?}, page {page:?} for {text}"),
        }
    }

    #[test]
    fn the_cli_refuses_what_the_page_refuses_at_the_same_path() {
        let head = r#""format":"sigscene/1","namespaces":[{"id":"h"}]"#;
        let p = |rest: &str| format!(r#"{{{head},"processes":[{{"id":"i","ns":"h"{rest}}}]}}"#);
        for text in [
            p(r#","ns":"h""#),
            p(r#","signals":{"SIGCHLD":"catch","SIGCHLD":"catch"}"#),
            p(r#","signals":{"SIGCHLD":"catch","SIGCLD":"catch"}"#),
            p(r#","signals":{"SIGINT":{"catch":null}}"#),
            p(r#","signals":{"SIGINT":5}"#),
            p(r#","uid":-0"#),
            p(r#","uid":1e400"#),
            p(r#","uid":1e400,"#),
            p(r#","\u0075id":1"#),
            format!(r#"{{{head},"processes":[["i","h"]]}}"#),
            format!(r#"{{"format":5,{head},"processes":[], "x":1"#),
            r#"["sigscene/1",null,[["h"]],[["i","h"]]]"#.to_string(),
            r#"{"namespaces":[]}"#.to_string(),
        ] {
            agrees(&text);
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/invalid");
        for f in std::fs::read_dir(dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "json") {
                agrees(&std::fs::read_to_string(f).unwrap());
            }
        }
    }
}
