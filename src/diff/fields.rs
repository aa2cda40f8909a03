//! Each subject of a region (its settings, an entity, a glossary term) as
//! named values in words: what the diff compares. Ids become names, dates
//! and durations are written out, white space is folded, and lists whose
//! order carries no meaning (participants, parties) are sorted.

use crate::i18n::Strings;
use crate::model::*;
use crate::values::display_date;

/// One value of a subject, by the YAML field it comes from.
pub enum Value {
    /// A value in words.
    Text(String),
    /// A list of records (steps, commitments, tranches): matched by key
    /// between editions, so an inserted step is one change, not many.
    List(Vec<Record>),
    /// The Markdown body as plain text.
    Body(String),
}

/// An item of a list: the key it is matched by, its name in words, and its
/// other values by field.
pub struct Record {
    pub key: String,
    pub label: String,
    pub values: Vec<(&'static str, String)>,
}

/// A subject's values, by field name, in file order.
pub type Fields = Vec<(&'static str, Value)>;

/// Turns a region's ids and values into words.
pub struct Words<'a> {
    pub site: &'a Site,
    pub region: &'a Region,
    pub strings: &'a Strings,
}

impl Words<'_> {
    fn actor(&self, ix: ActorIx) -> String {
        self.region.actor(ix).name.clone()
    }

    /// Actors as a sorted list of names: their order carries no meaning.
    fn actors(&self, list: &[ActorIx]) -> Option<String> {
        let mut names: Vec<String> = list.iter().map(|&a| self.actor(a)).collect();
        names.sort();
        join(names)
    }

    fn procedure(&self, ix: ProcIx) -> String {
        self.region.procedure(ix).title.clone()
    }

    fn duration(&self, d: Option<crate::values::Duration>) -> Option<String> {
        d.map(|d| d.display(self.site.lang))
    }

    fn date(&self, d: Option<time::Date>) -> Option<String> {
        d.map(|d| display_date(d, self.site.lang))
    }

    fn level(&self, level: LevelIx) -> String {
        self.site.levels.get(level).map_or_else(String::new, |l| l.name.clone())
    }
}

/// Folds white space, so a re-wrapped line is no change; empty is no value.
pub fn text(value: &str) -> Option<String> {
    let folded = crate::values::fold_whitespace(value);
    (!folded.is_empty()).then_some(folded)
}

fn opt(value: &Option<String>) -> Option<String> {
    value.as_deref().and_then(text)
}

fn join(items: Vec<String>) -> Option<String> {
    (!items.is_empty()).then(|| items.join(", "))
}

/// Adds the values that are there; a missing one is simply not listed.
fn push(fields: &mut Fields, name: &'static str, value: Option<String>) {
    if let Some(v) = value {
        fields.push((name, Value::Text(v)));
    }
}

fn record(key: String, label: String, values: Vec<(&'static str, Option<String>)>) -> Record {
    Record {
        key,
        label,
        values: values.into_iter().filter_map(|(k, v)| Some((k, v?))).collect(),
    }
}

/// A record known by its own text (a step's title, a school's name): that
/// text is both its key and its label.
fn named(said: &str, values: Vec<(&'static str, Option<String>)>) -> Record {
    let said = text(said).unwrap_or_default();
    record(said.clone(), said, values)
}

fn body(fields: &mut Fields, body: &Body) {
    if let Some(t) = text(&body.md.text) {
        fields.push(("body", Value::Body(t)));
    }
}

fn contact(fields: &mut Fields, w: &Words<'_>, contact: Option<&Contact>) {
    let Some(c) = contact else { return };
    push(fields, "contact.email", opt(&c.email));
    push(fields, "contact.phone", opt(&c.phone));
    push(fields, "contact.url", opt(&c.url));
    push(fields, "contact.address", opt(&c.address));
    push(fields, "contact.hours", opt(&c.hours));
    push(fields, "contact.verified", w.date(c.verified));
}

/// The values of an entity.
pub fn entity(w: &Words<'_>, ix: EntityIx) -> Fields {
    let mut f = Fields::new();
    match ix {
        EntityIx::Actor(i) => {
            let a = w.region.actor(i);
            push(&mut f, "name", text(&a.name));
            push(&mut f, "level", Some(w.level(a.level)));
            push(&mut f, "kind", Some(w.strings.get(actor_kind_key(a.kind)).to_string()));
            push(&mut f, "summary", opt(&a.summary));
            push(&mut f, "members", w.actors(&a.members));
            contact(&mut f, w, a.contact.as_ref());
            body(&mut f, &a.body);
        }
        EntityIx::Procedure(i) => procedure(&mut f, w, w.region.procedure(i)),
        EntityIx::Agreement(i) => agreement(&mut f, w, w.region.agreement(i)),
        EntityIx::Route(i) => {
            let r = w.region.route(i);
            push(&mut f, "title", text(&r.title));
            push(&mut f, "summary", opt(&r.summary));
            let steps = r.steps.iter().map(|s| {
                let id = w.region.procedure(s.procedure).meta.id.clone();
                record(id, w.procedure(s.procedure), vec![("when", opt(&s.when))])
            });
            f.push(("steps", Value::List(steps.collect())));
        }
        EntityIx::Page(i) => {
            let p = w.region.page(i);
            push(&mut f, "title", text(&p.title));
            push(&mut f, "summary", opt(&p.summary));
            push(&mut f, "review", w.date(p.review));
            body(&mut f, &p.body);
        }
    }
    f
}

fn procedure(f: &mut Fields, w: &Words<'_>, p: &Procedure) {
    push(f, "title", text(&p.title));
    push(f, "level", Some(w.level(p.level)));
    push(f, "owner", p.owner.map(|a| w.actor(a)));
    push(f, "participants", w.actors(&p.participants));
    push(f, "summary", opt(&p.summary));
    push(f, "trigger", opt(&p.trigger));
    push(f, "frequency", opt(&p.frequency));
    let steps = p.steps.iter().map(|s| {
        named(
            &s.title,
            vec![
                ("actor", s.actor.map(|a| w.actor(a))),
                ("within", w.duration(s.within)),
                ("output", opt(&s.output)),
                ("description", opt(&s.description)),
            ],
        )
    });
    f.push(("steps", Value::List(steps.collect())));
    let escalations = p.escalates_to.iter().map(|e| {
        let id = w.region.procedure(e.other).meta.id.clone();
        record(id, w.procedure(e.other), vec![("when", opt(&e.when))])
    });
    f.push(("escalates_to", Value::List(escalations.collect())));
    if let Some(c) = &p.consent {
        let key = if c.required {
            "consent_required"
        } else {
            "consent_not_required"
        };
        push(f, "consent.required", Some(w.strings.get(key).to_string()));
        push(f, "consent.from", w.actors(&c.from));
        push(f, "consent.note", opt(&c.note));
    }
    let documents = p
        .documents
        .iter()
        .map(|d| named(&d.title, vec![("url", opt(&d.url)), ("file", opt(&d.file))]));
    f.push(("documents", Value::List(documents.collect())));
    body(f, &p.body);
}

fn agreement(f: &mut Fields, w: &Words<'_>, a: &Agreement) {
    push(f, "title", text(&a.title));
    push(f, "summary", opt(&a.summary));
    push(f, "parties", w.actors(&a.parties));
    push(f, "signed", w.date(a.signed));
    push(f, "review", w.date(a.review));
    let commitments = a.commitments.iter().map(|c| {
        let mut procedures: Vec<String> = c.procedures.iter().map(|&p| w.procedure(p)).collect();
        procedures.sort();
        named(
            &c.text,
            vec![
                ("party", c.party.map(|a| w.actor(a))),
                ("response_time", w.duration(c.response_time)),
                ("procedures", join(procedures)),
            ],
        )
    });
    f.push(("commitments", Value::List(commitments.collect())));
    body(f, &a.body);
}

/// The values of the region's own settings (`region.yaml`).
pub fn region(w: &Words<'_>) -> Fields {
    let r = w.region;
    let mut f = Fields::new();
    push(&mut f, "name", text(&r.name));
    push(&mut f, "code", opt(&r.code));
    push(&mut f, "summary", opt(&r.summary));
    push(&mut f, "version", opt(&r.version));
    push(&mut f, "extends", opt(&r.base));
    let mut municipalities: Vec<String> = r.municipalities.iter().filter_map(|m| text(m)).collect();
    municipalities.sort();
    push(&mut f, "municipalities", join(municipalities));
    contact(&mut f, w, r.contact.as_ref());
    push(&mut f, "steering_group.members", w.actors(&r.steering_group));
    push(&mut f, "steering_group.note", opt(&r.steering_note));
    let schools = r.schools.iter().map(|s| {
        named(
            &s.name,
            vec![("brin", opt(&s.brin)), ("municipality", opt(&s.municipality))],
        )
    });
    f.push(("schools", Value::List(schools.collect())));
    let indicators = r.indicators.iter().map(|i| {
        let scores = i
            .scores
            .iter()
            .map(|(year, score)| match year.as_str() {
                "" => score.to_string(),
                _ => format!("{year}: {score}"),
            })
            .collect();
        named(&i.statement, vec![("scores", join(scores))])
    });
    f.push(("indicators", Value::List(indicators.collect())));
    let tranches = r.timeline.iter().map(|t| {
        let schools = t.schools.iter().filter_map(|s| text(s)).collect();
        named(
            &t.year,
            vec![
                ("title", opt(&t.title)),
                ("schools", join(schools)),
                ("note", opt(&t.note)),
            ],
        )
    });
    f.push(("timeline", Value::List(tranches.collect())));
    f
}

/// The values of a glossary term.
pub fn term(t: &Term) -> Fields {
    let mut f = Fields::new();
    push(&mut f, "term", text(&t.term));
    push(&mut f, "abbreviation", opt(&t.abbreviation));
    push(&mut f, "definition", text(&t.definition));
    f
}

/// The translation key of an actor kind's name.
pub fn actor_kind_key(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Rol => "kind_rol",
        ActorKind::Team => "kind_team",
        ActorKind::Organisatie => "kind_organisatie",
    }
}
