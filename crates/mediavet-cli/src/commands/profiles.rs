//! `mediavet profiles [NAME]`: the built-in profiles, or one of them as TOML.

use super::written;
use mediavet::Profile;
use std::io::Write;
use std::process::ExitCode;

/// Lists the built-in profiles with their descriptions, or prints `name`'s TOML.
pub fn run(out: &mut dyn Write, name: Option<&str>) -> Result<ExitCode, mediavet::Error> {
    let text = match name {
        Some(name) => Profile::builtin_source(name)
            .ok_or_else(|| mediavet::Error::Usage(format!("unknown profile '{name}'")))?
            .to_string(),
        None => {
            let mut text = String::new();
            for name in Profile::builtin_names() {
                let p = Profile::builtin(name)?;
                let about = p.description.unwrap_or_default();
                text += &format!("{name:<15} {about}\n");
            }
            text
        }
    };
    written(out.write_all(text.as_bytes()), ExitCode::SUCCESS)
}
