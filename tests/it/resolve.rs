//! The resolve stage's problems, each on a small project written inline
//! (see `fixture.rs`): what `zorgroute check` prints for it.

use crate::fixture::check;

/// The start of several fixtures: a region whose one actor is `ib`; each
/// test adds the rest, from a new line (these parts end without one).
const IB_REGION: &str = "
        //- content/site.yaml
        title: T
        //- content/r/region.yaml
        name: R
        steering_group: [ib]
        //- content/r/actors/ib.md
        ---
        name: IB
        level: school
        kind: rol
        contact: {email: ib@r.example.nl, verified: 2026-09-01}
        ---";

/// The front matter of a procedure `bespreking` owned by `ib`, open for the
/// test's further fields.
const BESPREKING: &str = "
        //- content/r/procedures/bespreking.md
        ---
        title: Bespreking
        level: school
        owner: ib";

#[test]
fn unknown_actor_in_a_step_suggests_the_nearest_id() {
    check!(r#"
        //- content/site.yaml
        title: T
        //- content/r/region.yaml
        name: R
        steering_group: [leerkracht]
        //- content/r/actors/leerkracht.md
        ---
        name: Leerkracht
        level: groep
        kind: rol
        contact: {email: school@r.example.nl, verified: 2026-09-01}
        ---
        //- content/r/procedures/signaleren.md
        ---
        title: Signaleren
        level: groep
        owner: leerkracht
        steps:
          - title: Zien
            actor: leerkrach
        ---
        //- content/r/routes/basis.yaml
        title: Basis
        steps: [signaleren]
    "#, @r"
        error[unknown-id]: er is geen actor met id `leerkrach`
          ┌─ content/r/procedures/signaleren.md:7:12
          │
        7 │     actor: leerkrach
          │            ^^^^^^^^^
          │
          = oplossing: bedoelt u `leerkracht`?

        1 fout, 0 waarschuwingen
    ");
}

#[test]
fn a_standard_procedure_owned_by_an_excluded_actor() {
    check!(r#"
        //- content/site.yaml
        title: T
        //- content/_standaard/actors/leerkracht.md
        ---
        name: Leerkracht
        level: groep
        kind: rol
        contact: {email: school@r.example.nl, verified: 2026-09-01}
        ---
        //- content/_standaard/actors/ib.md
        ---
        name: IB
        level: school
        kind: rol
        contact: {email: ib@r.example.nl, verified: 2026-09-01}
        ---
        //- content/_standaard/procedures/signaleren.md
        ---
        title: Signaleren
        level: groep
        owner: ib
        ---
        //- content/_standaard/routes/basis.yaml
        title: Basis
        steps: [signaleren]
        //- content/r/region.yaml
        name: R
        steering_group: [leerkracht]
        exclude: [actor/ib]
    "#, @r"
        error[excluded-but-referenced]: deze regio sluit actor/ib uit, maar hier wordt er nog naar verwezen (in regio r)
          ┌─ content/_standaard/procedures/signaleren.md:4:8
          │
        4 │ owner: ib
          │        ^^
          │
          ┌─ content/r/region.yaml:3:11
          │
        3 │ exclude: [actor/ib]
          │           -------- ook hier
          │
          = oplossing: haal de verwijzing weg, vervang het bestand dat verwijst door een eigen versie in de regio, of haal de uitsluiting weg

        1 fout, 0 waarschuwingen
    ");
}

#[test]
fn links_that_are_not_of_the_form_kind_id_or_lead_nowhere() {
    check!(&format!("{IB_REGION}{}", r#"
        Zie [de bespreking](@procedures/bespreking), [het team](@actor/zat)
        en [stap 3](@procedure/bespreking#stap-3).
        //- content/r/procedures/bespreking.md
        ---
        title: Bespreking
        level: school
        owner: ib
        steps:
          - {title: Voorbereiden, actor: ib}
          - {title: Bespreken, actor: ib}
        ---
        //- content/r/routes/basis.yaml
        title: Basis
        steps: [bespreking]
    "#), @r"
        error[bad-link]: de link `@procedures/bespreking` heeft niet de vorm `@soort/id`
          ┌─ content/r/actors/ib.md:7:5
          │
        7 │ Zie [de bespreking](@procedures/bespreking), [het team](@actor/zat)
          │     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          │
          = oplossing: schrijf bijvoorbeeld `[tekst](@procedure/leerlingbespreking)`; soorten: actor, procedure, agreement, route, page

        error[unknown-id]: er is geen actor met id `zat`
          ┌─ content/r/actors/ib.md:7:46
          │
        7 │ Zie [de bespreking](@procedures/bespreking), [het team](@actor/zat)
          │                                              ^^^^^^^^^^^^^^^^^^^^^^
          │
          = oplossing: maak het bestand voor deze actor aan of verbeter het id

        error[unknown-anchor]: `procedure/bespreking` heeft geen kop of stap met anker `#stap-3`
          ┌─ content/r/actors/ib.md:8:4
          │
        8 │ en [stap 3](@procedure/bespreking#stap-3).
          │    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          │
          = oplossing: bedoelt u `stap-1`, `stap-2`?

        3 fouten, 0 waarschuwingen
    ");
}

#[test]
fn a_route_step_and_an_escalation_to_nothing() {
    check!(&format!("{IB_REGION}{BESPREKING}{}", r#"
        escalates_to:
          - procedure: zat-aanmeldin
        ---
        //- content/r/procedures/zat-aanmelding.md
        ---
        title: Aanmelding
        level: school
        owner: ib
        ---
        //- content/r/routes/basis.yaml
        title: Basis
        steps: [bespreking, zat-aanmelding, thuiszitters]
    "#), @r"
        error[unknown-id]: er is geen procedure met id `zat-aanmeldin`
          ┌─ content/r/procedures/bespreking.md:6:16
          │
        6 │   - procedure: zat-aanmeldin
          │                ^^^^^^^^^^^^^
          │
          = oplossing: bedoelt u `zat-aanmelding`?

        error[unknown-id]: er is geen procedure met id `thuiszitters`
          ┌─ content/r/routes/basis.yaml:2:37
          │
        2 │ steps: [bespreking, zat-aanmelding, thuiszitters]
          │                                     ^^^^^^^^^^^^
          │
          = oplossing: maak het bestand voor deze procedure aan of verbeter het id

        2 fouten, 0 waarschuwingen
    ");
}

#[test]
fn two_files_make_the_same_procedure() {
    check!(&format!("{IB_REGION}{BESPREKING}{}", r#"
        ---
        //- content/r/procedures/bespreking-oud.md
        ---
        id: bespreking
        title: Oude bespreking
        level: school
        owner: ib
        ---
        //- content/r/routes/basis.yaml
        title: Basis
        steps: [bespreking]
    "#), @r"
        error[duplicate-id]: twee bestanden maken een procedure met het id `bespreking`
          ┌─ content/r/procedures/bespreking.md:1:1
          │
        1 │ ---
          │ ^
          │
          ┌─ content/r/procedures/bespreking-oud.md:1:1
          │
        1 │ ---
          │ - ook hier
          │
          = oplossing: geef een van beide een ander id (de bestandsnaam of het veld `id`)

        1 fout, 0 waarschuwingen
    ");
}

#[test]
fn an_english_site_is_told_in_english() {
    check!(r#"
        //- content/site.yaml
        title: T
        language: en
        //- content/r/region.yaml
        name: R
        extends: _basis
        steering_group: [coordinator]
        //- content/r/actors/coordinator.md
        ---
        name: Coordinator
        level: school
        kind: rol
        contact: {email: care@r.example.org, verified: 2026-09-01}
        ---
        //- content/r/procedures/referral.md
        ---
        title: Referral
        level: school
        owner: coordinater
        ---
        //- content/r/routes/main.yaml
        title: Main
        steps: [referral]
    "#, @r"
        error[unknown-id]: there is no actor with id `coordinater`
          ┌─ content/r/procedures/referral.md:4:8
          │
        4 │ owner: coordinater
          │        ^^^^^^^^^^^
          │
          = help: did you mean `coordinator`?

        error[unknown-base]: the base `_basis` does not exist
          ┌─ content/r/region.yaml:2:10
          │
        2 │ extends: _basis
          │          ^^^^^^
          │
          = help: use `none` or create the folder (e.g. content/_standaard/)

        2 errors, 0 warnings
    ");
}

/// Bytes a fixture string cannot hold go in by path.
#[test]
fn a_file_that_is_not_utf8_and_a_theme_file_that_is_not_either() {
    let mut files = zorgroute::load::Files::from_fixture(
        r#"
        //- content/site.yaml
        title: T
        theme: huisstijl
        //- content/r/region.yaml
        name: R
        "#,
    );
    files.insert_bytes("content/r/actors/ib.md", b"---\nname: Caf\xe9\n---\n".to_vec());
    files.insert_bytes("themes/huisstijl/templates/page.html", b"<h1>\xff</h1>\n".to_vec());
    let checked = zorgroute::pipeline::check_files(files, crate::common::today());
    insta::assert_snapshot!(crate::fixture::diagnostics(&checked), @r"
        error[not-utf8]: het bestand is niet in UTF-8 opgeslagen
          ┌─ content/r/actors/ib.md:2:10
          │
        2 │ name: Caf�
          │          ^
          │
          = oplossing: sla het bestand op als UTF-8 (in de meeste editors: Opslaan als > Codering: UTF-8)

        warning[no-steering-group]: R heeft geen stuurgroep
          ┌─ content/r/region.yaml:1:1
          │
        1 │ name: R
          │ ^
          │
          = oplossing: noem de leden in region.yaml onder `steering_group: {members: [...]}`

        error[theme-file-unreadable]: dit bestand van het thema is niet in UTF-8 opgeslagen
          ┌─ themes/huisstijl/templates/page.html:1:5
          │
        1 │ <h1>�</h1>
          │     ^
          │
          = oplossing: sla het bestand op als UTF-8 (in de meeste editors: Opslaan als > Codering: UTF-8), of haal het weg: dan geldt het bestand van het standaardthema

        2 fouten, 1 waarschuwing
    ");
}
