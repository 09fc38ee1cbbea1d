//! The interpretation of GitHub's answers over the whole matrix of docs/github-api.md.

mod support;

use pat_guard::github::{
    failure, interpret, offline_report, Answer, Context, Expiry, Failure, Settings, Sso, Verdict,
    WarningCode,
};
use pat_guard::hosts::Host;
use pat_guard::token::{inspect, Endpoint, Kind};
use support::*;

const NOW: i64 = 1_790_000_000; // 2026-09-21

fn context(kind: Kind) -> Context {
    Context {
        kind,
        endpoint: Endpoint::User,
        now: NOW,
        settings: Settings::default(),
        host: Host::github_com(),
        all_headers: true,
    }
}

fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Answer {
    Answer {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.to_owned(),
    }
}

const USER: &str = r#"{"login":"octocat","name":"The Octocat","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4","html_url":"https://github.com/octocat"}"#;

fn codes(report: &pat_guard::github::Report) -> Vec<WarningCode> {
    report.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn valid_classic_with_scopes_expiry_rate_and_request_id() {
    let report = interpret(
        &answer(
            200,
            &[
                ("X-OAuth-Scopes", "repo, gist, read:org"),
                (
                    "GitHub-Authentication-Token-Expiration",
                    "2026-10-21 12:00:00 UTC",
                ),
                ("X-RateLimit-Limit", "5000"),
                ("X-RateLimit-Remaining", "4999"),
                ("X-RateLimit-Used", "1"),
                ("X-RateLimit-Reset", "1790003600"),
                ("X-RateLimit-Resource", "core"),
                ("X-GitHub-Request-Id", "CAFE:1234:5678"),
            ],
            USER,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Valid);
    let user = report.user.as_ref().unwrap();
    assert_eq!(
        (user.login.as_str(), user.name.as_deref()),
        ("octocat", Some("The Octocat"))
    );
    assert_eq!(
        user.avatar_url.as_deref(),
        Some("https://avatars.githubusercontent.com/u/583231?v=4")
    );
    let scopes: Vec<&str> = report
        .scopes
        .as_ref()
        .unwrap()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(scopes, ["repo", "gist", "read:org"]);
    assert_eq!(report.expiry.attribute(), "2026-10-21T12:00:00Z");
    assert_eq!(codes(&report), [WarningCode::BroadScope]);
    let rate = report.rate.as_ref().unwrap();
    assert_eq!(
        (rate.limit, rate.remaining, rate.reset),
        (Some(5000), Some(4999), Some(1_790_003_600))
    );
    assert_eq!(report.request_id.as_deref(), Some("CAFE:1234:5678"));
}

#[test]
fn the_offset_expiry_form_is_read_too() {
    let report = interpret(
        &answer(
            200,
            &[
                ("x-oauth-scopes", "gist"),
                (
                    "github-authentication-token-expiration",
                    "2026-12-01 09:30:00 +0200",
                ),
            ],
            USER,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.expiry.attribute(), "2026-12-01T07:30:00Z");
    assert!(report.warnings.is_empty());
}

#[test]
fn fine_grained_tokens_have_no_scope_list() {
    let report = interpret(
        &answer(
            200,
            &[(
                "github-authentication-token-expiration",
                "2026-12-01 00:00:00 UTC",
            )],
            USER,
        ),
        &context(Kind::FineGrained),
    );
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(report.scopes, None);
    assert!(report.warnings.is_empty());
}

#[test]
fn without_host_access_a_missing_expiry_header_says_nothing() {
    // The browser hides the header from an extension without host access to the API.
    let hidden = Context {
        all_headers: false,
        ..context(Kind::Classic)
    };
    let report = interpret(&answer(200, &[("x-oauth-scopes", "repo")], USER), &hidden);
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(report.expiry, Expiry::Unknown);
    assert_eq!(
        codes(&report),
        [WarningCode::BroadScope, WarningCode::ExpiryHidden]
    );
    assert!(!report.has_warning(WarningCode::NoExpiration));
    // A header that did come through is read as always.
    let report = interpret(
        &answer(
            200,
            &[(
                "github-authentication-token-expiration",
                "2027-01-02 03:04:05 UTC",
            )],
            USER,
        ),
        &hidden,
    );
    assert_eq!(report.expiry.attribute(), "2027-01-02T03:04:05Z");
}

#[test]
fn no_expiry_header_means_never_and_a_warning_for_personal_tokens() {
    let report = interpret(
        &answer(200, &[("x-oauth-scopes", "")], USER),
        &context(Kind::Classic),
    );
    assert_eq!(report.expiry, Expiry::Never);
    assert_eq!(report.expiry.attribute(), "never");
    assert_eq!(report.scopes, Some(vec![]));
    assert_eq!(codes(&report), [WarningCode::NoExpiration]);
    let oauth = interpret(
        &answer(200, &[("x-oauth-scopes", "")], USER),
        &context(Kind::Oauth),
    );
    assert!(
        oauth.warnings.is_empty(),
        "OAuth app tokens do not expire by design"
    );
}

#[test]
fn an_expiry_within_seven_days_warns() {
    let report = interpret(
        &answer(
            200,
            &[
                ("x-oauth-scopes", "gist"),
                (
                    "github-authentication-token-expiration",
                    "2026-09-26 00:00:00 UTC",
                ),
            ],
            USER,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(codes(&report), [WarningCode::ExpiresSoon]);
    assert!(
        report.warnings[0].message.contains("in 4 days"),
        "{}",
        report.warnings[0].message
    );
}

#[test]
fn bad_credentials_are_invalid() {
    let report = interpret(
        &answer(
            401,
            &[("x-github-request-id", "AB:CD")],
            r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Invalid);
    assert_eq!(report.github_message.as_deref(), Some("Bad credentials"));
    assert_eq!(report.request_id.as_deref(), Some("AB:CD"));
    assert!(report.summary.contains("revoked"));
}

#[test]
fn sso_required_is_valid_with_the_authorization_link() {
    let link = "https://github.com/orgs/acme/sso?authorization_request=AbC123";
    let report = interpret(
        &answer(
            403,
            &[("X-GitHub-SSO", &format!("required; url={link}"))],
            r#"{"message":"Resource protected by organization SAML enforcement."}"#,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(
        report.sso,
        Sso::Required {
            url: Some(link.into())
        }
    );
    assert_eq!(codes(&report), [WarningCode::SsoRequired]);
    // A link to anywhere but GitHub is dropped.
    let report = interpret(
        &answer(
            403,
            &[(
                "X-GitHub-SSO",
                "required; url=https://evil.example/orgs/acme/sso",
            )],
            "{}",
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.sso, Sso::Required { url: None });
}

#[test]
fn sso_partial_results_are_named() {
    let report = interpret(
        &answer(
            200,
            &[
                ("x-oauth-scopes", "read:org"),
                (
                    "X-GitHub-SSO",
                    "partial-results; organizations=21955855,20582480",
                ),
                (
                    "github-authentication-token-expiration",
                    "2027-01-01 00:00:00 UTC",
                ),
            ],
            USER,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(
        report.sso,
        Sso::Partial {
            organizations: vec![21_955_855, 20_582_480]
        }
    );
    assert_eq!(codes(&report), [WarningCode::SsoPartial]);
    assert!(report.warnings[0].message.contains("2 organizations"));
}

#[test]
fn the_primary_rate_limit_is_unknown_with_the_wait() {
    let report = interpret(
        &answer(
            403,
            &[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-reset", &(NOW + 1800).to_string()),
            ],
            r#"{"message":"API rate limit exceeded for user ID 1."}"#,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Unknown);
    assert_eq!(report.wait_seconds, Some(1800));
    assert_eq!(codes(&report), [WarningCode::RateLimited]);
    assert!(report.summary.contains("primary"), "{}", report.summary);
    assert!(report.summary.contains("30 minutes"), "{}", report.summary);
}

#[test]
fn secondary_rate_limits_are_unknown_with_the_wait() {
    for (status, headers, body) in [
        (
            403,
            vec![("retry-after", "120")],
            r#"{"message":"You have exceeded a secondary rate limit."}"#,
        ),
        (429, vec![("Retry-After", "60")], "{}"),
        (
            403,
            vec![],
            r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes."}"#,
        ),
    ] {
        let report = interpret(&answer(status, &headers, body), &context(Kind::Classic));
        assert_eq!(report.verdict, Verdict::Unknown, "{status} {body}");
        assert!(
            report.has_warning(WarningCode::RateLimited),
            "{status} {body}"
        );
        assert!(report.summary.contains("secondary"), "{}", report.summary);
        assert!(report.wait_seconds.is_some());
    }
}

#[test]
fn absurd_waits_are_capped_at_a_day() {
    let report = interpret(
        &answer(429, &[("retry-after", "9223372036854775808")], "{}"),
        &context(Kind::Classic),
    );
    assert_eq!(report.wait_seconds, Some(86_400));
    assert!(report.summary.contains("24 hours"), "{}", report.summary);
}

#[test]
fn other_forbidden_answers_are_unknown_never_invalid() {
    let report = interpret(
        &answer(
            403,
            &[],
            r#"{"message":"Maximum number of login attempts exceeded."}"#,
        ),
        &context(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Unknown);
    assert_eq!(
        report.github_message.as_deref(),
        Some("Maximum number of login attempts exceeded.")
    );
    assert!(report.warnings.is_empty());
}

#[test]
fn server_errors_redirects_and_odd_statuses_are_unknown() {
    for status in [500, 502, 503, 404, 301, 302, 307, 418, 400] {
        let report = interpret(
            &answer(status, &[], "<html>oops</html>"),
            &context(Kind::Classic),
        );
        assert_eq!(report.verdict, Verdict::Unknown, "{status}");
        assert_eq!(report.github_message, None);
    }
    assert!(interpret(&answer(503, &[], ""), &context(Kind::Classic))
        .summary
        .contains("HTTP 503"));
    assert!(interpret(&answer(302, &[], ""), &context(Kind::Classic))
        .summary
        .contains("redirect"));
}

#[test]
fn a_200_that_is_not_github_json_is_unknown() {
    for body in [
        "<html>Sign in to the hotel wifi</html>",
        "",
        "[1,2]",
        r#"{"message":"hi"}"#,
        r#"{"login":""}"#,
    ] {
        let report = interpret(&answer(200, &[], body), &context(Kind::Classic));
        assert_eq!(report.verdict, Verdict::Unknown, "{body}");
        assert!(report.user.is_none());
    }
}

#[test]
fn no_answer_is_unknown_with_its_cause() {
    for (cause, words) in [
        (Failure::Timeout, "10 seconds"),
        (Failure::Offline, "offline"),
        (Failure::Unreachable, "could not connect"),
        (Failure::Redirect, "redirect"),
        (Failure::Cancelled, "Cancelled"),
    ] {
        let report = failure(cause, &context(Kind::Classic));
        assert_eq!(report.verdict, Verdict::Unknown);
        assert!(report.summary.contains(words), "{}", report.summary);
    }
}

#[test]
fn installation_tokens_are_valid_when_they_list_repositories() {
    let mut ctx = context(Kind::Installation);
    ctx.endpoint = Endpoint::InstallationRepositories;
    let report = interpret(
        &answer(200, &[], r#"{"total_count":3,"repositories":[]}"#),
        &ctx,
    );
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(report.repositories, Some(3));
    assert!(report.summary.contains("3 repositories"));
    assert_eq!(
        interpret(&answer(200, &[], USER), &ctx).verdict,
        Verdict::Unknown
    );
}

#[test]
fn missing_required_scopes_link_to_a_correctly_scoped_token() {
    let mut ctx = context(Kind::Classic);
    ctx.settings.required_scopes = vec!["repo".into(), "workflow".into()];
    let report = interpret(
        &answer(
            200,
            &[
                ("x-oauth-scopes", "public_repo, workflow"),
                (
                    "github-authentication-token-expiration",
                    "2027-01-01 00:00:00 UTC",
                ),
            ],
            USER,
        ),
        &ctx,
    );
    assert_eq!(report.missing_scopes, ["repo"]);
    assert!(report.has_warning(WarningCode::MissingScope));
    let url = report.new_token_url.unwrap();
    assert!(
        url.starts_with("https://github.com/settings/tokens/new?scopes=repo,workflow&description="),
        "{url}"
    );
    let covered = interpret(
        &answer(200, &[("x-oauth-scopes", "repo, workflow")], USER),
        &ctx,
    );
    assert!(!covered.has_warning(WarningCode::MissingScope));
    assert!(covered.new_token_url.is_none());
}

#[test]
fn the_summary_names_what_is_missing_and_needed_scopes_are_not_called_too_broad() {
    let mut ctx = context(Kind::Classic);
    ctx.settings.required_scopes = vec!["repo".into(), "read:org".into()];
    let report = interpret(
        &answer(200, &[("x-oauth-scopes", "repo, delete_repo")], USER),
        &ctx,
    );
    assert_eq!(report.summary, "Valid, but missing read:org.");
    let broad: Vec<&str> = report
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::BroadScope)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(broad.len(), 1, "{broad:?}");
    assert!(
        broad[0].contains("delete_repo") && !broad[0].contains(" repo ("),
        "{broad:?}"
    );
    // Without the requirement, repo is too broad again.
    let plain = interpret(
        &answer(200, &[("x-oauth-scopes", "repo")], USER),
        &context(Kind::Classic),
    );
    assert!(plain.has_warning(WarningCode::BroadScope));
}

#[test]
fn hostile_strings_are_kept_as_plain_text_and_bounded() {
    let body = format!(
        r#"{{"login":"<img src=x onerror=alert(1)>","name":"a\u0000b{}","avatar_url":"javascript:alert(1)","html_url":"http://github.com/x"}}"#,
        "x".repeat(500)
    );
    let report = interpret(
        &answer(200, &[("x-github-request-id", "\u{1b}[31mred")], &body),
        &context(Kind::Oauth),
    );
    let user = report.user.unwrap();
    assert_eq!(user.login, "<img src=x onerror=alert(1)>");
    assert_eq!(user.name.as_ref().unwrap().chars().count(), 128);
    assert!(!user.name.unwrap().contains('\0'));
    assert_eq!((user.avatar_url, user.html_url), (None, None));
    assert_eq!(report.request_id.as_deref(), Some("[31mred"));
}

#[test]
fn avatars_come_only_from_githubs_avatar_host() {
    let body = r#"{"login":"octocat","avatar_url":"https://tracker.example/pixel.png"}"#;
    let report = interpret(&answer(200, &[], body), &context(Kind::Classic));
    assert_eq!(report.user.unwrap().avatar_url, None);
    let report = interpret(&answer(200, &[], USER), &context(Kind::Classic));
    assert!(report
        .user
        .unwrap()
        .avatar_url
        .unwrap()
        .starts_with("https://avatars.githubusercontent.com/"));
}

#[test]
fn tokens_that_must_not_be_sent_get_a_report_offline() {
    let mistyped = with_changed_char(&classic("ghp", 60), 10, 0);
    let report = offline_report(&inspect(&mistyped)).unwrap();
    assert_eq!(report.verdict, Verdict::Malformed);
    assert!(
        report.summary.starts_with("Not sent to GitHub"),
        "{}",
        report.summary
    );
    assert_eq!(
        codes(&report),
        [WarningCode::ChecksumMismatch],
        "the cause as a code"
    );
    let refresh = offline_report(&inspect(&classic("ghr", 61))).unwrap();
    assert_eq!(refresh.verdict, Verdict::Unknown);
    assert_eq!(codes(&refresh), [WarningCode::CannotCallApi]);
    assert_eq!(
        offline_report(&inspect("hunter2hunter2")).unwrap().verdict,
        Verdict::Malformed
    );
    assert!(offline_report(&inspect(&classic("ghp", 62))).is_none());
}

#[test]
fn an_enterprise_host_is_named_and_its_links_stay_on_it() {
    let server = pat_guard::hosts::parse_host("github.acme.test").unwrap();
    let at_server = |kind| Context {
        host: server.clone(),
        settings: Settings {
            required_scopes: vec!["admin:org".into()],
        },
        ..context(kind)
    };
    // GitHub Enterprise Server sends no rate-limit headers when rate limiting is off.
    let report = interpret(
        &answer(200, &[("X-OAuth-Scopes", "repo")], USER),
        &at_server(Kind::Classic),
    );
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(report.host, "github.acme.test");
    assert_eq!(report.rate, None);
    assert!(report
        .new_token_url
        .unwrap()
        .starts_with("https://github.acme.test/settings/tokens/new?scopes=admin:org&"));
    // An SSO link to github.com is not this server's: dropped.
    let sso = |url: &str| {
        interpret(
            &answer(
                403,
                &[("X-GitHub-SSO", &format!("required; url={url}"))],
                "{}",
            ),
            &at_server(Kind::Classic),
        )
        .sso
    };
    assert_eq!(
        sso("https://github.acme.test/orgs/a/sso?x=1"),
        Sso::Required {
            url: Some("https://github.acme.test/orgs/a/sso?x=1".into())
        }
    );
    assert_eq!(
        sso("https://github.com/orgs/a/sso?x=1"),
        Sso::Required { url: None }
    );
    // No answer, or a server that answers /api/v3 with a page: unknown, naming the host.
    let report = pat_guard::github::failure(
        pat_guard::github::Failure::Unreachable,
        &at_server(Kind::Classic),
    );
    assert_eq!(
        (report.verdict, report.host.as_str()),
        (Verdict::Unknown, "github.acme.test")
    );
    let page = interpret(
        &answer(200, &[], "<html>Sign in</html>"),
        &at_server(Kind::Classic),
    );
    assert_eq!(
        (page.verdict, page.host.as_str()),
        (Verdict::Unknown, "github.acme.test")
    );
    // github.com answers name github.com.
    let report = interpret(&answer(401, &[], "{}"), &context(Kind::Classic));
    assert_eq!(report.host, "github.com");
}
