//! `paperless-testkit serve`: runs the in-memory Paperless-ngx test server until it is stopped.

use std::process::ExitCode;
use std::time::Duration;

use paperless_testkit::{ServerCost, TestServer};

const USAGE: &str = "\
usage: paperless-testkit serve [options]

Runs an in-memory Paperless-ngx 3.x test server on 127.0.0.1 until it is stopped (Ctrl-C).
It is a test double: nothing is stored on disk, there is no OCR and no classifier.

options:
  --port N          listen on port N (default 8000; 0 picks a free port)
  --empty           start without the demo data set (one superuser admin/admin)
  --documents N     add N generated documents
  --delay-ms N      delay every response by N milliseconds (like network latency)
  --cost MODEL      answer as slowly as a real server: `paperless-ngx-3.0.5` (100 ms per
                    request + 0.9 ms per object, 2 workers), `REQUEST_MS,OBJECT_MS,WORKERS`
                    (such as `100,0.9,2`; 0 workers: no limit) or `none` (the default)
  --token T         the admin token (with --empty; the demo's tokens are fixed)
  -h, --help        show this help
";

struct Options {
    port: u16,
    demo: bool,
    documents: usize,
    delay_ms: u64,
    cost: ServerCost,
    token: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        port: 8000,
        demo: true,
        documents: 0,
        delay_ms: 0,
        cost: ServerCost::free(),
        token: None,
    };
    let mut rest = args.iter();
    match rest.next().map(String::as_str) {
        Some("serve") => {}
        Some("-h" | "--help") | None => return Err(String::new()),
        Some(other) => return Err(format!("unknown command {other:?}")),
    }
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--port" => {
                options.port = value("--port")?
                    .parse()
                    .map_err(|_| "--port needs a number from 0 to 65535".to_owned())?;
            }
            "--empty" => options.demo = false,
            "--documents" => {
                options.documents = value("--documents")?
                    .parse()
                    .map_err(|_| "--documents needs a whole number".to_owned())?;
            }
            "--delay-ms" => {
                options.delay_ms = value("--delay-ms")?
                    .parse()
                    .map_err(|_| "--delay-ms needs a whole number of milliseconds".to_owned())?;
            }
            "--cost" => options.cost = parse_cost(&value("--cost")?)?,
            "--token" => options.token = Some(value("--token")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(options)
}

/// `--cost`: a named profile or `REQUEST_MS,OBJECT_MS,WORKERS`.
fn parse_cost(text: &str) -> Result<ServerCost, String> {
    match text {
        "none" => return Ok(ServerCost::free()),
        "paperless-ngx-3.0.5" => return Ok(ServerCost::paperless_ngx_3_0_5()),
        _ => {}
    }
    let wrong = || {
        format!(
            "--cost {text:?}: expected `paperless-ngx-3.0.5`, `none` or REQUEST_MS,OBJECT_MS,WORKERS such as `100,0.9,2`"
        )
    };
    let [request, object, workers] = text.split(',').collect::<Vec<_>>()[..] else {
        return Err(wrong());
    };
    let millis = |v: &str| {
        v.trim()
            .parse::<f64>()
            .ok()
            .and_then(|ms| Duration::try_from_secs_f64(ms / 1e3).ok())
            .ok_or_else(wrong)
    };
    let workers = workers.trim().parse::<usize>().map_err(|_| wrong())?;
    Ok(ServerCost::free()
        .per_request(millis(request)?)
        .per_object(millis(object)?)
        .workers(workers))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(o) => o,
        Err(message) => {
            if message.is_empty() {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("paperless-testkit: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("paperless-testkit: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let mut builder = TestServer::builder()
            .port(options.port)
            .seed_documents(options.documents)
            .response_delay(Duration::from_millis(options.delay_ms))
            .cost(options.cost);
        if options.demo {
            builder = builder.demo();
        }
        if let Some(token) = options.token {
            builder = builder.admin_token(token);
        }
        let server = match builder.start().await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("paperless-testkit: {e}");
                return ExitCode::FAILURE;
            }
        };
        // Machine-readable first lines (the benchmark reads them), then a human summary.
        println!("url={}", server.url());
        println!("token={}", server.token());
        println!(
            "Paperless-ngx test server (API {}, imitating {}) with {} documents.",
            paperless_testkit::LATEST_API_VERSION,
            paperless_testkit::SERVER_VERSION,
            server.documents().len()
        );
        if !options.cost.is_free() {
            println!("Cost model: {}.", options.cost);
        }
        if options.demo {
            for (user, password, token) in paperless_testkit::DEMO_USERS {
                println!("  user {user:<6} password {password:<20} token {token}");
            }
        }
        println!(
            "Try: curl -H 'Authorization: Token {}' {}/api/documents/",
            server.token(),
            server.url()
        );
        println!("Stop with Ctrl-C.");
        std::future::pending::<()>().await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_models_parse_by_name_and_by_figures() {
        assert_eq!(
            parse_cost("paperless-ngx-3.0.5"),
            Ok(ServerCost::paperless_ngx_3_0_5())
        );
        assert_eq!(parse_cost("none"), Ok(ServerCost::free()));
        assert_eq!(
            parse_cost("100,0.9,2"),
            Ok(ServerCost::paperless_ngx_3_0_5())
        );
        assert_eq!(
            parse_cost("5, 0, 0"),
            Ok(ServerCost::free().per_request(Duration::from_millis(5)))
        );
        for wrong in ["", "fast", "1,2", "1,2,3,4", "-1,0,2", "1,x,2", "1,0,-2"] {
            let message = parse_cost(wrong).unwrap_err();
            assert!(
                message.contains("REQUEST_MS,OBJECT_MS,WORKERS"),
                "{message}"
            );
        }
    }
}
