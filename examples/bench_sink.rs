//! A fast local ingest sink for `scripts/bench-agent`: HTTP/1.1 keep-alive on
//! 127.0.0.1, a thread per connection, every request answered 202 at once. For
//! each request it notes the arrival time and the record's `id` and `occurred_at`,
//! and prints them as `id<TAB>arrival unix seconds<TAB>occurred_at` lines on
//! stdout when its standard input closes. The first line it prints is its port.
//!
//! Build: cargo build --release --example bench_sink
#![allow(clippy::print_stdout)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

type Arrivals = Arc<Mutex<Vec<(String, f64, String)>>>;

/// The text of a JSON string or number field `"name": …` (no unescaping needed
/// for ids and timestamps).
fn field(body: &str, name: &str) -> String {
    let key = format!("\"{name}\": ");
    let Some(at) = body.find(&key) else {
        return String::new();
    };
    let rest = &body[at + key.len()..];
    let rest = rest.trim_start_matches('"');
    rest.chars()
        .take_while(|c| !matches!(c, '"' | ',' | '}'))
        .collect()
}

fn serve(stream: TcpStream, arrivals: Arrivals) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut length = 0usize;
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body)?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        let text = String::from_utf8_lossy(&body);
        // The record's own fields come before the envelope's `schema`.
        let record = text.split("\"record\": ").nth(1).unwrap_or("");
        let entry = (field(record, "id"), now, field(record, "occurred_at"));
        arrivals
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(entry);
        writer.write_all(
            b"HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}",
        )?;
    }
}

fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("{}", listener.local_addr()?.port());
    std::io::stdout().flush()?;
    let arrivals: Arrivals = Arc::default();
    let accepting = arrivals.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let arrivals = accepting.clone();
            std::thread::spawn(move || serve(stream, arrivals));
        }
    });
    // Commands on stdin: `count`, or `dump` (prints and clears the arrivals); EOF ends.
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for command in stdin.lock().lines() {
        let command = command?;
        let mut all = arrivals.lock().unwrap_or_else(|p| p.into_inner());
        if command.trim() == "count" {
            writeln!(out, "{}", all.len())?;
        } else {
            for (id, at, occurred) in all.drain(..) {
                writeln!(out, "{id}\t{at:.6}\t{occurred}")?;
            }
            writeln!(out, "end")?;
        }
        drop(all);
        out.flush()?;
    }
    Ok(())
}
