//! A minimal HTTP/1.1 client over one TCP connection, for tests of the fake
//! cloud itself (the tests of skene use the real binary as the client).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A status, the headers (names lower-cased) and the body of one answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// One keep-alive connection to `host` (`127.0.0.1:PORT`).
pub struct Client {
    host: String,
    reader: BufReader<TcpStream>,
}

impl Client {
    pub fn connect(host: &str) -> Self {
        let stream = TcpStream::connect(host).expect("connect to the fake cloud");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Self {
            host: host.to_owned(),
            reader: BufReader::new(stream),
        }
    }

    /// Sends a request and reads its answer (a `content-length` or chunked body).
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        self.write_request(method, path, headers, body);
        let mut answer = self.read_head();
        self.read_body(&mut answer);
        answer
    }

    fn write_request(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nhost: {}\r\ncontent-length: {}\r\n",
            self.host,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
    }

    /// Sends a request and reads the status line and headers only; the body is
    /// left for [`Client::read_some`].
    pub fn send_head(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        self.write_request(method, path, headers, body);
        self.read_head()
    }

    /// The next bytes of the answer as they come (chunk framing included), or
    /// `None` when nothing arrives within `wait` or the server closed the connection.
    pub fn read_some(&mut self, wait: Duration) -> Option<Vec<u8>> {
        self.reader.get_ref().set_read_timeout(Some(wait)).unwrap();
        let got = match self.reader.fill_buf() {
            Ok([]) | Err(_) => None,
            Ok(bytes) => Some(bytes.to_vec()),
        };
        if let Some(bytes) = &got {
            self.reader.consume(bytes.len());
        }
        self.reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        got
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("an answer line");
        line.trim_end_matches(['\r', '\n']).to_owned()
    }

    fn read_head(&mut self) -> Answer {
        let status_line = self.line();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP status line: {status_line:?}"));
        let mut headers = Vec::new();
        loop {
            let line = self.line();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header line");
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        Answer {
            status,
            headers,
            body: Vec::new(),
        }
    }

    fn read_body(&mut self, answer: &mut Answer) {
        if let Some(len) = answer.header("content-length") {
            let mut body = vec![0; len.parse().unwrap()];
            self.reader.read_exact(&mut body).unwrap();
            answer.body = body;
        } else if answer.header("transfer-encoding") == Some("chunked") {
            loop {
                let size = usize::from_str_radix(&self.line(), 16).expect("a chunk size");
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).unwrap();
                chunk.truncate(size);
                if size == 0 {
                    break;
                }
                answer.body.extend_from_slice(&chunk);
            }
        }
    }
}

/// One request on a connection of its own.
pub fn send(host: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    Client::connect(host).send(method, path, headers, body)
}
