//! `./build.sh bench`: the token engine's speed, as ratios against baselines measured in the
//! same run on the same input (so the figures mean something on any machine).
//!
//! - inspect: inspections per second over a mix of pasted inputs, against copying and
//!   trimming the same inputs;
//! - find: MB/s over 1 MB of page-like text, against one plain pass over its bytes.

use std::hint::black_box;
use std::time::{Duration, Instant};

use pat_guard::token::{classic_check, find_tokens, fine_grained_check, inspect};

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn body(seed: &mut u64, len: usize) -> String {
    (0..len)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            BASE62[(*seed % 62) as usize] as char
        })
        .collect()
}

fn classic(seed: &mut u64) -> String {
    let random = body(seed, 30);
    let check = classic_check(random.as_bytes());
    format!("ghp_{random}{}", std::str::from_utf8(&check).unwrap())
}

fn fine_grained(seed: &mut u64) -> String {
    let head = format!("github_pat_{}_{}", body(seed, 22), body(seed, 43));
    let check = fine_grained_check(head.as_bytes());
    format!(
        "{head}{}{}",
        std::str::from_utf8(&check).unwrap(),
        body(seed, 8)
    )
}

/// Best time per iteration of `run` over 5 rounds of at least 200 ms.
fn time_per_iteration(mut run: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut iterations = 0u32;
        while start.elapsed() < Duration::from_millis(200) {
            run();
            iterations += 1;
        }
        best = best.min(start.elapsed() / iterations);
    }
    best
}

/// Best time per pass of `work` over every input.
fn time_each<T>(inputs: &[String], work: impl Fn(&str) -> T) -> Duration {
    time_per_iteration(|| {
        for input in inputs {
            black_box(work(black_box(input)));
        }
    })
}

fn main() {
    let mut seed = 0x5EED_u64;
    let inputs: Vec<String> = (0..64)
        .map(|i| match i % 8 {
            0 => classic(&mut seed),
            1 => fine_grained(&mut seed),
            2 => format!("  Authorization: Bearer {}\n", classic(&mut seed)),
            3 => format!("GITHUB_TOKEN=\"{}\"", fine_grained(&mut seed)),
            4 => {
                let mut token = classic(&mut seed).into_bytes();
                token[12] = if token[12] == b'a' { b'b' } else { b'a' };
                String::from_utf8(token).unwrap()
            }
            5 => format!(
                "https://x-access-token:{}@github.com/o/r.git",
                classic(&mut seed)
            ),
            6 => "correct-horse-battery-staple".to_owned(),
            _ => format!("{} {}", classic(&mut seed), classic(&mut seed)),
        })
        .collect();

    let inspect_time = time_each(&inputs, inspect);
    let copy_time = time_each(&inputs, |input| input.trim().to_owned());
    let per_second = inputs.len() as f64 / inspect_time.as_secs_f64();

    // Clean tokens only, as GitHub's copy button puts them on the clipboard.
    let clean: Vec<String> = (0..64)
        .map(|i| {
            if i % 2 == 0 {
                classic(&mut seed)
            } else {
                fine_grained(&mut seed)
            }
        })
        .collect();
    let clean_time = time_each(&clean, inspect);
    let clean_copy_time = time_each(&clean, str::to_owned);

    // 1 MB of page-like text: markup, commit hashes, words starting with g, a few tokens.
    let mut page = String::with_capacity(1 << 20);
    let mut n = 0;
    while page.len() < 1 << 20 {
        n += 1;
        page.push_str("<div class=\"gh-header\"><a href=\"/settings/tokens\">generate</a> ");
        page.push_str("commit 0123456789abcdef0123456789abcdef01234567 by ghost; ");
        if n % 200 == 0 {
            page.push_str(&classic(&mut seed));
            page.push(' ');
            page.push_str(&fine_grained(&mut seed));
        }
        page.push_str("</div>\n");
    }
    let found = find_tokens(&page).len();
    let find_time = time_per_iteration(|| {
        black_box(find_tokens(black_box(&page)));
    });
    let pass_time = time_per_iteration(|| {
        black_box(
            black_box(page.as_bytes())
                .iter()
                .filter(|&&b| b == b'g')
                .count(),
        );
    });
    let mb = page.len() as f64 / 1e6;

    println!("token engine benchmark (native, release)");
    println!(
        "  inspect:  {:>10.0} inspections/s   {:>6.2} µs each   {:>5.1}× the time of copy+trim",
        per_second,
        inspect_time.as_secs_f64() * 1e6 / inputs.len() as f64,
        inspect_time.as_secs_f64() / copy_time.as_secs_f64()
    );
    println!(
        "  clean:    {:>10.0} inspections/s   {:>6.2} µs each   {:>5.1}× the time of a copy (clean classic and fine-grained tokens)",
        clean.len() as f64 / clean_time.as_secs_f64(),
        clean_time.as_secs_f64() * 1e6 / clean.len() as f64,
        clean_time.as_secs_f64() / clean_copy_time.as_secs_f64()
    );
    println!(
        "  find:     {:>10.0} MB/s            {:>6.3} ms per 100 KB {:>5.1}× the time of one byte pass ({found} tokens in {:.2} MB)",
        mb / find_time.as_secs_f64(),
        find_time.as_secs_f64() * 1e3 / (page.len() as f64 / 102_400.0),
        find_time.as_secs_f64() / pass_time.as_secs_f64(),
        mb
    );
}
