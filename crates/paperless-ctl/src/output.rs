//! Output: a table on a terminal, JSON, NDJSON (streamed), CSV or Markdown, with `--fields`.
//!
//! Every command turns its objects into JSON objects (`serde_json::Value`) whose keys are the
//! columns; the [`Printer`] writes them in the chosen format. NDJSON and CSV rows are written
//! as they come (constant memory), JSON as one streamed array; tables and Markdown need every
//! row for the column widths.

use std::io::{self, Write};

use clap::ValueEnum;
use serde_json::{Map, Value};

/// The output format (`--output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table (the default).
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per line, streamed.
    Ndjson,
    /// Comma-separated values with a header line.
    Csv,
    /// A Markdown table.
    Markdown,
}

/// Writes rows in one format to stdout.
pub struct Printer {
    format: Format,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    out: io::BufWriter<io::Stdout>,
    count: usize,
    started: bool,
}

impl Printer {
    /// A printer of `columns` (the command's default, or `--fields`).
    pub fn new(format: Format, columns: Vec<String>) -> Self {
        Self {
            format,
            columns,
            rows: Vec::new(),
            out: io::BufWriter::new(io::stdout()),
            count: 0,
            started: false,
        }
    }

    /// One row: `object`'s values for the columns (the whole object for JSON without
    /// `--fields`, where `columns` is then every key).
    pub fn row(&mut self, object: &Value) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let picked = self.pick(object);
                let sep = if self.started { ",\n  " } else { "[\n  " };
                self.started = true;
                write!(self.out, "{sep}{}", serde_json::to_string(&picked)?)?;
            }
            Format::Ndjson => {
                let picked = self.pick(object);
                writeln!(self.out, "{}", serde_json::to_string(&picked)?)?;
            }
            Format::Csv => {
                if !self.started {
                    self.started = true;
                    let header: Vec<String> = self.columns.iter().map(|c| csv_field(c)).collect();
                    writeln!(self.out, "{}", header.join(","))?;
                }
                let cells: Vec<String> = self
                    .columns
                    .iter()
                    .map(|c| csv_field(&cell(object.get(c))))
                    .collect();
                writeln!(self.out, "{}", cells.join(","))?;
            }
            Format::Table | Format::Markdown => {
                let cells = self.columns.iter().map(|c| cell(object.get(c))).collect();
                self.rows.push(cells);
            }
        }
        if self.count == 0 && self.format != Format::Table && self.format != Format::Markdown {
            // The first row at once (a reader such as `head -1` or a pipeline sees output
            // without waiting for the buffer to fill); later rows in buffer-sized writes.
            self.out.flush()?;
        }
        self.count += 1;
        Ok(())
    }

    fn pick(&self, object: &Value) -> Value {
        let mut map = Map::new();
        for c in &self.columns {
            map.insert(c.clone(), object.get(c).cloned().unwrap_or(Value::Null));
        }
        Value::Object(map)
    }

    /// Ends the output (closes the JSON array, draws the table) and flushes.
    pub fn finish(mut self) -> io::Result<usize> {
        match self.format {
            Format::Json => {
                if self.started {
                    writeln!(self.out, "\n]")?;
                } else {
                    writeln!(self.out, "[]")?;
                }
            }
            Format::Table => {
                let mut table = comfy_table::Table::new();
                table.load_style(comfy_table::presets::NOTHING);
                table.set_header(self.columns.iter().map(|c| c.to_uppercase()));
                for row in &self.rows {
                    table.add_row(row);
                }
                for line in table.to_string().lines() {
                    writeln!(self.out, "{}", line.trim_end())?;
                }
            }
            Format::Markdown => {
                writeln!(self.out, "| {} |", self.columns.join(" | "))?;
                writeln!(
                    self.out,
                    "|{}",
                    self.columns.iter().map(|_| "---|").collect::<String>()
                )?;
                for row in &self.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| c.replace('|', "\\|").replace('\n', " "))
                        .collect();
                    writeln!(self.out, "| {} |", cells.join(" | "))?;
                }
            }
            Format::Csv | Format::Ndjson => {}
        }
        self.out.flush()?;
        Ok(self.count)
    }
}

/// One object shown as `key  value` lines (table), or as JSON.
pub fn print_object(format: Format, object: &Value) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match format {
        Format::Table | Format::Markdown | Format::Csv => {
            let Some(map) = object.as_object() else {
                writeln!(out, "{}", cell(Some(object)))?;
                return Ok(());
            };
            let width = map.keys().map(|k| k.chars().count()).max().unwrap_or(0);
            for (k, v) in map {
                writeln!(out, "{k:<width$}  {}", cell(Some(v)))?;
            }
        }
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(object)?)?,
        Format::Ndjson => writeln!(out, "{}", serde_json::to_string(object)?)?,
    }
    Ok(())
}

/// A value as table text: strings as they are, lists joined with `, `, null empty.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.replace(['\n', '\r', '\t'], " "),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| cell(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other @ Value::Object(_)) => other.to_string(),
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The columns: `--fields a,b` or the command's default.
pub fn columns(fields: Option<&str>, default: &[&str]) -> Vec<String> {
    match fields {
        Some(f) => f
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        None => default.iter().map(|s| (*s).to_owned()).collect(),
    }
}
