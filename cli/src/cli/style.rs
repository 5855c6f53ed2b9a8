//! Terminal style, decided once: colour and bold only on a terminal and
//! never when `NO_COLOR` is set (<https://no-color.org>); progress bars
//! only on a terminal.

use std::io::IsTerminal;

/// Which stream the styled text goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// The style of one stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    colour: bool,
    terminal: bool,
}

impl Style {
    /// The style of `stream` for this process (read once, by
    /// [`Terminal::read`](super::config::Terminal::read)).
    pub(crate) fn of(stream: Stream) -> Style {
        let terminal = match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        Style::new(
            terminal,
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        )
    }

    /// No terminal: no colour, no progress bar.
    #[cfg(test)]
    pub(crate) fn plain() -> Style {
        Style::new(false, false)
    }

    fn new(terminal: bool, no_color: bool) -> Style {
        Style {
            colour: terminal && !no_color,
            terminal,
        }
    }

    /// Whether a progress bar may be drawn (a terminal, colour or not).
    pub(crate) fn progress(self) -> bool {
        self.terminal
    }

    /// `text` with the SGR attributes `code` (`1` bold, `1;31` bold red …).
    pub(crate) fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `text` in bold.
    pub(crate) fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert_eq!(Style::new(true, false).bold("x"), "\x1b[1mx\x1b[0m");
        assert_eq!(Style::new(true, true).bold("x"), "x");
        assert_eq!(Style::new(false, false).bold("x"), "x");
        assert!(Style::new(true, true).progress());
        assert!(!Style::new(false, false).progress());
    }
}
