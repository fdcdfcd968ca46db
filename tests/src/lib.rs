//! Harness for end-to-end tests: starts `tauri-driver` (which starts WebKitWebDriver, which
//! starts the app) with a data directory of the test's choosing, and connects a WebDriver
//! client. Needs `SHORTLIST_APP` (the built app) and `TAURI_DRIVER` (or `tauri-driver` on
//! PATH), and a display (the Makefile runs the tests under `xvfb-run`).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// Where screenshots and driver logs go.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

/// The committed PDF fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdfs")
}

fn required_env(name: &str, hint: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: {hint} (run `make e2e`)"))
}

/// The app as the .deb installs it (`SHORTLIST_INSTALLED_APP`: `usr/bin/shortlist-app` of the
/// package's contents, extracted by `make e2e`), with its runtime assets beside it.
pub fn installed_app_path() -> PathBuf {
    let app = required_env(
        "SHORTLIST_INSTALLED_APP",
        "usr/bin/shortlist-app of the extracted .deb (make e2e does this)",
    );
    assert!(
        Path::new(&app).is_file(),
        "SHORTLIST_INSTALLED_APP={app} does not exist"
    );
    PathBuf::from(app)
}

/// The built app under test (`SHORTLIST_APP`).
pub fn app_path() -> PathBuf {
    let app = required_env("SHORTLIST_APP", "path of the built shortlist-app binary");
    assert!(
        Path::new(&app).is_file(),
        "SHORTLIST_APP={app} does not exist"
    );
    PathBuf::from(app)
}

/// The connections and datagrams in an strace log (see [`App::launch_recorded`]) that went
/// to an IPv4 or IPv6 address other than loopback.
pub fn remote_connections(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).expect("strace log");
    text.lines()
        .filter(|l| l.contains("AF_INET"))
        .filter(|l| {
            !(l.contains("inet_addr(\"127.")
                || l.contains("\"::1\"")
                || l.contains("\"::ffff:127."))
        })
        .map(str::to_owned)
        .collect()
}

/// A running app with a WebDriver session.
#[derive(Debug)]
pub struct App {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    /// The data folder it was started on (its processes carry it in their environment).
    data_dir: PathBuf,
}

/// Types `path` into the focused GTK file dialog titled `title` after `first_key` (select the
/// name field's text, or open the location field), presses Enter, and waits for it to close.
async fn answer_file_dialog(title: &str, path: &Path, first_key: &str) {
    let search = Command::new("timeout")
        .args([
            "20",
            "xdotool",
            "search",
            "--sync",
            "--onlyvisible",
            "--name",
            title,
        ])
        .output()
        .expect("xdotool runs");
    let window = String::from_utf8_lossy(&search.stdout)
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no dialog titled {title:?} within 20 s"))
        .to_owned();
    // Let GTK finish mapping the dialog and focusing its name field.
    tokio::time::sleep(Duration::from_millis(700)).await;
    xdotool(&["windowfocus", "--sync", &window]);
    // XTEST input (not --window, whose synthetic events GTK ignores) to the focused dialog.
    xdotool(&["key", first_key]);
    xdotool(&["type", "--delay", "10", &path.to_string_lossy()]);
    // GTK completes the typed path in the background; Enter right away can go to that.
    tokio::time::sleep(Duration::from_millis(400)).await;
    xdotool(&["key", "Return"]);
    // The dialog is gone before the next step (a second dialog must not find this one).
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut pressed_again = false;
    loop {
        let open = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .output()
            .is_ok_and(|o| !o.stdout.is_empty());
        if !open {
            break;
        }
        if !pressed_again && Instant::now() + Duration::from_secs(7) > deadline {
            // A completion popup took the first Enter.
            xdotool(&["key", "Return"]);
            pressed_again = true;
        }
        if Instant::now() > deadline {
            // What the dialog showed, for the failure report.
            let shot = artifacts_dir().join("dialog-stayed-open.png");
            let _ = Command::new("import")
                .args(["-window", "root"])
                .arg(&shot)
                .status();
            panic!("the {title:?} dialog stayed open: {}", shot.display());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every process started with `SHORTLIST_DATA_DIR=data_dir` (an app that restarted itself
/// runs outside the WebDriver session), this one excepted.
fn apps_using(data_dir: &Path) -> Vec<u32> {
    let wanted = format!("SHORTLIST_DATA_DIR={}", data_dir.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let environ = std::fs::read(entry.path().join("environ")).ok()?;
            let uses = environ
                .split(|&b| b == 0)
                .any(|var| var == wanted.as_bytes());
            (uses && pid != std::process::id()).then_some(pid)
        })
        .collect()
}

/// The app's log files in `data_dir` and their text (none before the app first opened it).
fn logs(data_dir: &Path) -> Vec<(PathBuf, String)> {
    std::fs::read_dir(data_dir.join("logs"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|log| {
            let text = std::fs::read_to_string(log.path()).unwrap_or_default();
            (log.path(), text)
        })
        .collect()
}

/// How many lines of the app's log in `data_dir` contain `needle`.
pub fn log_count(data_dir: &Path, needle: &str) -> usize {
    logs(data_dir)
        .iter()
        .map(|(_, text)| text.lines().filter(|line| line.contains(needle)).count())
        .sum()
}

/// Waits (up to 60 s) until the app on `data_dir` has restarted itself, done the scheduled
/// `work` ("restore" or "compact") and painted, its log then counting more than `painted`
/// first paints. The restarted app runs outside the WebDriver session; a failure lists what
/// runs on the folder and the end of the log.
pub async fn wait_for_restart(data_dir: &Path, work: &str, painted: usize) {
    let done = format!("scheduled work done at start work=\"{work}\"");
    let deadline = Instant::now() + Duration::from_secs(60);
    while log_count(data_dir, &done) == 0 || log_count(data_dir, "first paint") <= painted {
        assert!(
            Instant::now() < deadline,
            "the restarted app did not {work} and paint; {}",
            describe_apps_using(data_dir)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Copies the data folder `from` (its records, blobs and logs; not LMDB's lock file, which
/// each opener makes anew) into `to`, so several tests can start from one seeded library.
pub fn copy_data_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("data dir");
    for entry in std::fs::read_dir(from).expect("read data dir").flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if path.is_dir() {
            copy_data_dir(&path, &target);
        } else if entry.file_name() != "lock.mdb" {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// Every file under `dir` (recursively) whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
            {
                found.push(path);
            }
        }
    }
    found
}

/// Waits up to `grace` for every process on `data_dir` to exit, then stops those left:
/// SIGTERM, and SIGKILL a second later. (An app whose WebDriver session ended while it was
/// busy was once seen to outlive its driver and keep the data folder.)
pub fn end_apps_using(data_dir: &Path, grace: Duration) {
    let deadline = Instant::now() + grace;
    while !apps_using(data_dir).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    for signal in ["-TERM", "-KILL"] {
        let left = apps_using(data_dir);
        if left.is_empty() {
            return;
        }
        eprintln!(
            "stopping {} process(es) left on the data folder ({signal})",
            left.len()
        );
        for pid in left {
            let _ = Command::new("kill")
                .args([signal, &pid.to_string()])
                .status();
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// For a failure message: the processes using `data_dir` (pid, state, command line) and the
/// end of the app's log (which holds no candidate data).
pub fn describe_apps_using(data_dir: &Path) -> String {
    let mut out = String::from("processes using the data folder:\n");
    for pid in apps_using(data_dir) {
        let read = |f: &str| std::fs::read(format!("/proc/{pid}/{f}")).unwrap_or_default();
        let stat = String::from_utf8_lossy(&read("stat")).into_owned();
        let state = stat.rsplit(") ").next().unwrap_or("").split(' ').next();
        let cmdline = String::from_utf8_lossy(&read("cmdline")).replace('\0', " ");
        let wchan = String::from_utf8_lossy(&read("wchan")).into_owned();
        out += &format!("  {pid} {} {wchan} {cmdline}\n", state.unwrap_or("?"));
    }
    for (path, text) in logs(data_dir) {
        let lines: Vec<&str> = text.lines().collect();
        out += &format!("{}:\n", path.display());
        for line in &lines[lines.len().saturating_sub(15)..] {
            out += &format!("  {line}\n");
        }
    }
    out
}

/// Runs `xdotool` with `args` on the test's X display; it must succeed.
fn xdotool(args: &[&str]) {
    let ok = Command::new("xdotool")
        .args(args)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "xdotool {args:?} failed");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl App {
    /// Launches the app on `data_dir`.
    pub async fn launch(data_dir: &Path) -> App {
        App::launch_program(data_dir, &app_path()).await
    }

    /// Launches the app the .deb installs ([`installed_app_path`]) on `data_dir`.
    pub async fn launch_installed(data_dir: &Path) -> App {
        App::launch_program(data_dir, &installed_app_path()).await
    }

    /// Launches the app on `data_dir` under `strace`, recording every `connect`, `sendto` and
    /// `sendmsg` of the app and its children (the web view's processes) into `log`; read it
    /// with [`remote_connections`] after [`App::close`].
    pub async fn launch_recorded(data_dir: &Path, log: &Path) -> App {
        let wrapper = log.with_extension("sh");
        let script = format!(
            "#!/bin/sh\nexec strace -f --seccomp-bpf -qq -e trace=connect,sendto,sendmsg -e signal=none -o '{}' '{}' \"$@\"\n",
            log.display(),
            app_path().display()
        );
        std::fs::write(&wrapper, script).expect("wrapper");
        let mut perms = std::fs::metadata(&wrapper).expect("wrapper").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&wrapper, perms).expect("wrapper");
        App::launch_program(data_dir, &wrapper).await
    }

    async fn launch_program(data_dir: &Path, app: &Path) -> App {
        App::launch_program_with(data_dir, app, &[]).await
    }

    /// Launches the app on `data_dir` with the desktop in dark mode (GTK's dark theme, which
    /// WebKit reports to the page as `prefers-color-scheme: dark`).
    pub async fn launch_dark(data_dir: &Path) -> App {
        App::launch_program_with(data_dir, &app_path(), &[("GTK_THEME", "Adwaita:dark")]).await
    }

    async fn launch_program_with(data_dir: &Path, app: &Path, env: &[(&str, &str)]) -> App {
        let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let (port, native_port) = (free_port(), free_port());
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(artifacts_dir().join("tauri-driver.log"))
            .expect("log");
        let driver = Command::new(&driver_bin)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("SHORTLIST_DATA_DIR", data_dir)
            .envs(env.iter().copied())
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app }),
        );
        // tauri-driver listens before it serves: a first session request can be cut off
        // ("IncompleteMessage", seen once in CI); a second, a moment later, is the test.
        let url = format!("http://127.0.0.1:{port}");
        let client = match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => client,
            Err(first) => {
                eprintln!("WebDriver session refused once ({first}); asking again");
                tokio::time::sleep(Duration::from_secs(2)).await;
                ClientBuilder::native()
                    .capabilities(caps)
                    .connect(&url)
                    .await
                    .expect("WebDriver session")
            }
        };
        let app = App {
            client,
            driver,
            data_dir: data_dir.to_owned(),
        };
        app.wait_for("#view > *").await;
        app
    }

    /// Waits (up to 15 s) for an element to exist.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    /// Waits until the text of `css` satisfies `pred`; returns the text.
    pub async fn wait_for_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if pred(&text) {
                        return text;
                    }
                    assert!(Instant::now() < deadline, "{css} text stayed {text:?}");
                }
            }
            assert!(Instant::now() < deadline, "{css} never appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for the confirmation labelled `label` to ask a question containing `question`,
    /// and checks it is in place with the keyboard on its safe answer (`cancel_id`).
    pub async fn expect_confirmation(&self, label: &str, question: &str, cancel_id: &str) {
        self.wait_for_text(&format!("[aria-label='{label}']"), |t| t.contains(question))
            .await;
        assert_eq!(self.focused_id().await, cancel_id, "focus in {label:?}");
    }

    /// The id of the element with keyboard focus ("" when none has one).
    pub async fn focused_id(&self) -> String {
        let value = self
            .client
            .execute("return document.activeElement?.id ?? ''", vec![])
            .await
            .expect("execute");
        value.as_str().unwrap_or_default().to_owned()
    }

    /// The rendered text (`innerText`) of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let value = self
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())",
                vec![serde_json::json!(css)],
            )
            .await
            .expect("execute");
        serde_json::from_value(value).expect("a list of strings")
    }

    /// Clicks the element matching `css`. The window re-renders parts of itself as data
    /// arrives, so an element found a moment ago may have been replaced, or covered for a
    /// moment: then find it again. WebKitWebDriver also answers now and then with an error
    /// that names nothing (one CI run lost a test to "click #gate-add: webdriver returned
    /// error: ", another two tests to 20 of them in a row on the criteria editor's buttons);
    /// it is tried again too, after a few such answers with the element scrolled to the
    /// middle of its pane, as a person would scroll to a button they cannot reach. A click
    /// that keeps failing saves a screenshot (`click-failed.png`) and fails the test.
    pub async fn click(&self, css: &str) {
        use fantoccini::error::ErrorStatus;
        let mut last = String::new();
        for attempt in 0..40 {
            let element = self.wait_for(css).await;
            if attempt >= 5 && attempt % 5 == 0 {
                let _ = self
                    .client
                    .execute(
                        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})",
                        vec![serde_json::to_value(&element).expect("element as JSON")],
                    )
                    .await;
            }
            match element.click().await {
                Ok(()) => return,
                Err(fantoccini::error::CmdError::Standard(e))
                    if matches!(
                        e.error,
                        ErrorStatus::StaleElementReference
                            | ErrorStatus::ElementClickIntercepted
                            | ErrorStatus::ElementNotInteractable
                            | ErrorStatus::UnknownError
                    ) =>
                {
                    last = format!("{:?}: {e}", e.error);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("click {css}: {e}"),
            }
        }
        self.screenshot("click-failed").await;
        panic!("click {css}: still failing after 40 tries ({last})");
    }

    /// Runs `script` in the page (its `arguments` are `args`) and returns what it returns.
    pub async fn eval(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Presses and releases `key` on the keyboard, as a person would: it goes to whatever
    /// has the keyboard focus in the window (the page itself when nothing has).
    pub async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let keys = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.expect("key press");
    }

    /// Saves a screenshot as `artifacts/<name>.png` (after a short settle so it is current).
    pub async fn screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(artifacts_dir().join(format!("{name}.png")), png).expect("write png");
    }

    /// Drags `paths` from a real GTK drag source (a stand-in for a file manager) onto the
    /// middle of the app window with the X pointer, as a person would: press, move in steps,
    /// release. Needs the 1600-pixel-wide Xvfb screen of `make e2e`.
    pub async fn drop_files(&self, paths: &[PathBuf]) {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e/drag_source.py");
        // Debian's own Python: that is where python3-gi installs GTK's bindings.
        let mut source = Command::new("/usr/bin/python3")
            .arg(&script)
            .args(["1300", "40"])
            .args(paths)
            .stdout(Stdio::piped())
            .spawn()
            .expect("/usr/bin/python3 with GTK (python3-gi) runs");
        let stdout = source.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("drag source starts");
        assert_eq!(line.trim(), "ready", "drag source did not start");
        xdotool(&["mousemove", "1380", "100"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
        xdotool(&["mousedown", "1"]);
        for step in 1..=12 {
            let x = 1380 - step * 65;
            let y = 100 + step * 25;
            xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        xdotool(&["mouseup", "1"]);
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = source.kill();
        let _ = source.wait();
    }

    /// Answers the native save dialog titled `title` (GTK's file chooser, opened by the app
    /// through rfd) as a person would with the keyboard: the file name field has the focus,
    /// so type the full path and press Enter.
    pub async fn save_in_dialog(&self, title: &str, path: &Path) {
        answer_file_dialog(title, path, "ctrl+a").await;
    }

    /// Picks `path` in the native open dialog titled `title`: Ctrl+L opens GTK's location
    /// field, then the full path and Enter.
    pub async fn open_in_dialog(&self, title: &str, path: &Path) {
        answer_file_dialog(title, path, "ctrl+l").await;
    }

    /// Ends the session (the app quits) and stops the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Dropping it waits until the app has let go of the data folder.
        drop(self);
    }
}

impl Drop for App {
    /// Stops the driver with SIGTERM (so it reaps WebKitWebDriver and the app), also when a
    /// test panics, and makes sure no process is left on the data folder for the next launch.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let _ = self.driver.wait();
        end_apps_using(&self.data_dir, Duration::from_secs(5));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn remote_connections_are_told_from_loopback_and_local_sockets() {
        let dir = std::env::temp_dir().join(format!("strace-parse-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let log = dir.join("net.strace");
        std::fs::write(
            &log,
            concat!(
                "101 connect(5, {sa_family=AF_UNIX, sun_path=\"/tmp/.X11-unix/X99\"}, 110) = 0\n",
                "101 connect(7, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n",
                "102 connect(9, {sa_family=AF_INET6, sin6_port=htons(80), inet_pton(AF_INET6, \"::1\", &sin6_addr)}, 28) = 0\n",
                "103 connect(11, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"93.184.216.34\")}, 16) = -1 ENETUNREACH\n",
                "104 sendto(12, \"\\1\\2\", 2, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.0.0.2\")}, 16) = 2\n",
            ),
        )
        .expect("log");
        let remote = super::remote_connections(&log);
        assert_eq!(remote.len(), 2, "{remote:#?}");
        assert!(remote[0].contains("93.184.216.34") && remote[1].contains("10.0.0.2"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
