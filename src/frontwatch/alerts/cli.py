"""``frontwatch alerts``: evaluate the watch rules, list alerts (table with evidence chains,
JSONL, GeoJSON), versions (--as-of, --updated-since), backtests and webhook delivery."""
from __future__ import annotations

import json

import click

DATE = click.DateTime(formats=["%Y-%m-%d"])
DATETIME = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"])


def render(rec: dict, chain: bool = True, reports: int = 3) -> str:
    """One alert as `frontwatch alerts` prints it: header, place, population, summary, evidence."""
    place = rec.get("place") or {}
    lines = [f"{rec['id']}  {rec['rule']}  {rec.get('status', '').upper()} v{rec.get('version', '?')}"
             f"{'  (resolved)' if rec.get('resolved') else ''}  raised {rec['raised']}  last {rec['last_seen']}"
             f"  window {rec['window']['start']}..{rec['window']['end']}  score {rec['score']}"]
    where = place.get("name") or rec.get("scope")
    bits = [f"geonameid {place['geonameid']}" if place.get("geonameid") else None,
            f"{place['latitude']:.4f}, {place['longitude']:.4f}" if place.get("latitude") is not None else None,
            "/".join(x for x in (place.get("country_code"), place.get("admin1")) if x) or None]
    lines.append(f"  place: {where} ({'; '.join(b for b in bits if b)})")
    pop = rec.get("population")
    if pop:
        named = ", ".join(f"{p['name']} {p['population']:,}" for p in pop["largest"][:5])
        lines.append(f"  population within {pop['radius_km']:g} km: {pop['total']:,} in {pop['places_counted']} "
                     f"gazetteer places ({named}{', ...' if pop['places_counted'] > 5 else ''})")
    lines.append(f"  {rec['summary']}")
    if chain:
        lines.append(f"  evidence ({rec.get('events', len(rec.get('evidence') or []))} events):")
        for ev in rec.get("evidence") or []:
            if ev.get("missing"):
                lines.append(f"    - {ev['event']} (no longer stored)")
                continue
            fat = f", fatalities {ev['fatalities_min']}" if ev.get("fatalities_min") else ""
            tag = f" [signals: {', '.join(ev['signals'])}]" if ev.get("signals") else ""
            lines.append(f"    - {ev['event']}{tag} {ev['type']}{' (' + ev['acled_sub_event_type'] + ')' if ev.get('acled_sub_event_type') else ''}"
                         f" {ev.get('date_start') or '?'} at {ev.get('place') or '?'}: {ev.get('actor1') or '?'}"
                         f"{' -> ' + ev['actor2'] if ev.get('actor2') else ''}; grade {ev.get('grade')}, "
                         f"{ev.get('sources')} independent source(s){fat}")
            for r in (ev.get("reports") or [])[:reports]:
                who = f"{r['attribution']} via {r.get('outlet') or r.get('article_id')}" if r.get("attribution") \
                    else (r.get("outlet") or r.get("article_id"))
                text = " ".join((r.get("evidence") or "").split())
                lines.append(f"        [{who}, published {r.get('published') or '?'}; {r.get('article_id')}] "
                             f"\"{text[:220]}{'…' if len(text) > 220 else ''}\"")
            more = len(ev.get("reports") or []) - reports
            if more > 0:
                lines.append(f"        (+{more} more reports)")
    return "\n".join(lines)


def geojson(records: list[dict]) -> dict:
    feats = []
    for r in records:
        p = r.get("place") or {}
        if p.get("latitude") is None:
            continue
        props = {k: r.get(k) for k in ("id", "rule", "rule_title", "status", "version", "raised", "last_seen",
                                       "score", "summary", "resolved", "events", "radius_km")}
        props["place"] = p.get("name")
        props["population"] = (r.get("population") or {}).get("total")
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["longitude"], p["latitude"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


@click.command("alerts")
@click.option("--db", default=None, metavar="URL", help="Database URL or SQLite path [env FRONTWATCH_DB].")
@click.option("--rule", help="Only alerts of this rule id.")
@click.option("--place", help="Only alerts whose place or area contains this text.")
@click.option("--since", type=DATE, help="Only alerts last seen on or after this date.")
@click.option("--status", type=click.Choice(["new", "updated", "resolved"]))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table", show_default=True)
@click.option("--as-of", type=DATETIME, default=None, help="Alerts as they stood at this date/time (UTC).")
@click.option("--updated-since", type=DATETIME, default=None, help="Alerts with a version after this date/time (UTC).")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True),
              help="Extra rule file or folder (YAML); repeatable. A rule with a built-in id replaces it.")
@click.option("--through", type=DATE, default=None, help="Evaluate as of this day (default: today).")
@click.option("--refresh/--no-refresh", default=True, show_default=True,
              help="Evaluate the rules (incrementally) before listing.")
@click.option("--full", is_flag=True, help="Re-evaluate every rule over the whole store.")
@click.option("--no-population", is_flag=True, help="Do not count gazetteer population within the radius.")
@click.option("--backtest", is_flag=True, help="Replay the store day by day between --from and --to and score each rule.")
@click.option("--from", "start", type=DATE, help="Backtest start day.")
@click.option("--to", "end", type=DATE, help="Backtest end day.")
@click.option("--webhook", metavar="URL", help="POST new/updated/resolved alert versions to this URL (signed).")
@click.option("--secret", envvar="FRONTWATCH_WEBHOOK_SECRET", help="Webhook HMAC secret [env FRONTWATCH_WEBHOOK_SECRET].")
@click.option("--limit", type=int, default=None)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-")
@click.pass_context
def alerts(ctx, db, rule, place, since, status, fmt, as_of, updated_since, rule_files, through, refresh, full,
           no_population, backtest, start, end, webhook, secret, limit, output):
    """Early-warning alerts from the watch rules (docs/alerts.md)."""
    from ..cli.common import utc
    from ..export import write_records
    from ..monitor import Monitor
    from ..store import alerts as store_alerts
    from .rules import load_rules
    from .service import AlertService

    if as_of and updated_since:
        raise click.UsageError("give --as-of or --updated-since, not both")
    rules = load_rules(list(rule_files))
    with Monitor(ctx.obj, db=db) as m:
        if backtest:
            if not start or not end:
                raise click.UsageError("--backtest needs --from and --to")
            from .backtest import backtest as run_backtest
            svc = AlertService(m.store, rules)
            if rule:
                svc.rules = [r for r in rules if r.id == rule]
            facts = svc._facts(canonical=True)
            report = run_backtest(svc.rules, facts, start.date(), end.date(), svc._periods())
            if fmt == "jsonl":
                output.write(json.dumps(report, ensure_ascii=False) + "\n")
            else:
                output.write(f"backtest {report['from']} .. {report['to']}\n")
                output.write(f"{'rule':<22}{'alerts':>8}{'followed':>10}{'precision':>11}{'median lead d':>15}{'horizon d':>11}\n")
                for rid, s in report["rules"].items():
                    output.write(f"{rid:<22}{s['alerts']:>8}{s['followed_by_outcome']:>10}"
                                 f"{s['precision'] if s['precision'] is not None else '-':>11}"
                                 f"{s['median_lead_days'] if s['median_lead_days'] is not None else '-':>15}"
                                 f"{s['horizon_days'] or '-':>11}\n")
                for a in report["alerts"][: limit or 50]:
                    output.write(f"  {a['raised']} {a['rule']:<20} {a['place'] or a['scope']:<30} outcome "
                                 f"{a['outcome'] or '-'} {a.get('outcome_event') or ''} lead "
                                 f"{a['lead_days'] if a['lead_days'] is not None else '-'}\n")
            return
        if refresh and not as_of and not updated_since:
            gaz = None if no_population else m.gazetteer
            svc = AlertService(m.store, rules, gazetteer=gaz)
            day = through.date() if through else None
            res = svc.run(day) if full else svc.update(day)
            click.echo(f"alerts evaluated: {res.new} new, {res.updated} updated, {res.resolved} resolved "
                       f"({res.alerts} alerts from {res.facts} facts)", err=True)
        if as_of:
            found = store_alerts.as_of(m.store, utc(as_of))
        elif updated_since:
            found = store_alerts.updated_since(m.store, utc(updated_since))
        else:
            found = store_alerts.query(m.store, rule=rule, place=place, since=since.date() if since else None,
                                       status=status)
        if as_of or updated_since:
            found = [r for r in found if (not rule or r["rule"] == rule) and (not status or r["status"] == status)
                     and (not place or place.casefold() in json.dumps(r.get("place") or {}).casefold())
                     and (not since or r["last_seen"] >= since.date().isoformat())]
        if limit:
            found = found[:limit]
        if webhook:
            if not secret:
                raise click.UsageError("--webhook needs --secret (or FRONTWATCH_WEBHOOK_SECRET)")
            from .webhooks import deliver
            done = deliver(found, webhook, secret, store=m.store)
            click.echo(f"webhook: {sum(d.status == 'delivered' for d in done)} delivered, "
                       f"{sum(d.status == 'skipped' for d in done)} already delivered, "
                       f"{sum(d.status == 'failed' for d in done)} failed", err=True)
    if fmt in ("jsonl", "geojson"):
        write_records(found, fmt, output, geojson)
    else:
        if not found:
            click.echo("no alerts", err=True)
        output.write("\n\n".join(render(r) for r in found) + ("\n" if found else ""))
