//! The sociale kaart: every actor of a region with its contact details,
//! grouped by level, with when each was last checked and a vCard to save.

use serde::Serialize;

use super::views::{contact_view, levels_with, ContactView, Link, Titled, Views};
use crate::model::*;
use crate::urls;

/// One actor on the sociale kaart.
#[derive(Serialize)]
pub struct Card {
    pub actor: Link,
    pub kind: ActorKind,
    pub contact: Option<ContactView>,
    /// The actor's vCard, relative to the site root, when it has details to call or mail.
    pub vcard: Option<String>,
}

/// Every actor of the region, grouped by level in the site's order; levels
/// without actors are left out.
pub fn view(v: &Views<'_>) -> Vec<Titled<Card>> {
    let region = v.region;
    levels_with(&v.site.levels, "niveau", |li| {
        (region.actors.iter().enumerate())
            .filter(|(_, a)| a.level == li)
            .map(|(i, a)| Card {
                actor: v.link_to(ActorIx::new(i)),
                kind: a.kind,
                contact: a.contact.as_ref().map(|c| contact_view(c, v.site)),
                vcard: crate::plan::has_vcard(a).then(|| urls::vcard(&region.slug, &a.meta.id)),
            })
            .collect()
    })
}
