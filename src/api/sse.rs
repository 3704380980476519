//! Server-sent events: `data:` lines joined until a blank line; comments (`:` lines,
//! keep-alives) and other fields ignored. Lines may end in LF, CRLF or a lone CR,
//! as the SSE specification allows. Lines and events are bounded.

/// The longest line or event kept in memory.
pub const MAX_EVENT: usize = 1024 * 1024;

/// An event or line longer than [`MAX_EVENT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong;

#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    data: Vec<String>,
    data_len: usize,
    /// The last byte seen was a CR: a following LF belongs to the same line end.
    after_cr: bool,
}

impl SseParser {
    /// Feeds bytes; returns the data of every event they completed.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Vec<String>, TooLong> {
        let mut events = Vec::new();
        for &b in bytes {
            if self.after_cr {
                self.after_cr = false;
                if b == b'\n' {
                    continue;
                }
            }
            match b {
                b'\n' => self.end_line(&mut events)?,
                b'\r' => {
                    self.after_cr = true;
                    self.end_line(&mut events)?;
                }
                _ => {
                    if self.line.len() >= MAX_EVENT {
                        return Err(TooLong);
                    }
                    self.line.push(b);
                }
            }
        }
        Ok(events)
    }

    fn end_line(&mut self, events: &mut Vec<String>) -> Result<(), TooLong> {
        let line = String::from_utf8_lossy(&std::mem::take(&mut self.line)).into_owned();
        if line.is_empty() {
            if !self.data.is_empty() {
                events.push(std::mem::take(&mut self.data).join("\n"));
                self.data_len = 0;
            }
        } else if let Some(data) = line.strip_prefix("data:") {
            let data = data.strip_prefix(' ').unwrap_or(data);
            self.data_len += data.len() + 1;
            if self.data_len > MAX_EVENT {
                return Err(TooLong);
            }
            self.data.push(data.to_owned());
        }
        // ":" comments, "event:", "id:", "retry:" are ignored.
        Ok(())
    }

    /// The data of an event the stream ended without a blank line after.
    pub fn finish(&mut self) -> Option<String> {
        if !self.line.is_empty() {
            let mut ignored = Vec::new();
            let _ = self.end_line(&mut ignored);
        }
        (!self.data.is_empty()).then(|| std::mem::take(&mut self.data).join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any bytes, cut anywhere: no panic, and the same events however cut.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), cut in 1usize..64) {
            let mut whole = SseParser::default();
            let a = whole.push(&bytes);
            let mut pieces = SseParser::default();
            let mut b = Ok(Vec::new());
            for piece in bytes.chunks(cut) {
                match (&mut b, pieces.push(piece)) {
                    (Ok(all), Ok(events)) => all.extend(events),
                    (acc, Err(e)) => { *acc = Err(e); break; }
                    _ => {}
                }
            }
            prop_assert_eq!(a.is_ok(), b.is_ok());
            if let (Ok(a), Ok(b)) = (a, b) {
                prop_assert_eq!(a, b);
            }
        }

        /// Events written with any line ends come back as written.
        #[test]
        fn events_survive_every_line_end(
            datas in proptest::collection::vec("[^\r\n]{0,40}", 1..8),
            ending in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
            cut in 1usize..16,
        ) {
            let mut stream = String::new();
            for d in &datas {
                stream.push_str(&format!(": keep-alive{ending}data: {d}{ending}{ending}"));
            }
            let mut p = SseParser::default();
            let mut got = Vec::new();
            for piece in stream.as_bytes().chunks(cut) {
                got.extend(p.push(piece).unwrap());
            }
            got.extend(p.finish());
            prop_assert_eq!(got, datas);
        }
    }

    fn events(stream: &[u8], size: usize) -> Vec<String> {
        let mut p = SseParser::default();
        let mut out = Vec::new();
        for piece in stream.chunks(size) {
            out.extend(p.push(piece).unwrap());
        }
        out.extend(p.finish());
        out
    }

    #[test]
    fn lf_crlf_and_cr_line_ends_give_the_same_events() {
        let lf =
            b": keep-alive\n\ndata: a\n\nevent: x\ndata: b\ndata: c\n\ndata: [DONE]\n\n".to_vec();
        let crlf: Vec<u8> = String::from_utf8(lf.clone())
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes();
        let cr: Vec<u8> = String::from_utf8(lf.clone())
            .unwrap()
            .replace('\n', "\r")
            .into_bytes();
        for stream in [&lf, &crlf, &cr] {
            for size in [1, 2, 3, 7, stream.len()] {
                assert_eq!(events(stream, size), ["a", "b\nc", "[DONE]"], "{size}");
            }
        }
    }

    #[test]
    fn an_unended_event_is_kept_and_huge_lines_are_refused() {
        let mut p = SseParser::default();
        assert!(p.push(b"data: a\ndata: b").unwrap().is_empty());
        assert_eq!(p.finish().as_deref(), Some("a\nb"));
        let mut p = SseParser::default();
        let huge = vec![b'x'; MAX_EVENT + 1];
        assert_eq!(p.push(&huge), Err(TooLong));
        let mut p = SseParser::default();
        let many = "data: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".repeat(MAX_EVENT / 30);
        assert_eq!(p.push(many.as_bytes()), Err(TooLong));
    }
}
