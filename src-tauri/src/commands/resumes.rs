//! The Resumes screen: the library, a resume's detail and its page previews, and the links
//! between resumes possibly of the same person (confirm, split).

use shortlist_core::pdf::PdfLimits;
use shortlist_core::store::{LibraryRow, ResumeDetail, SamePerson};
use shortlist_core::wire::PagePreview;
use shortlist_core::{ResumeId, Store};
use tauri::State;

use super::{with_session, with_store, CmdResult};
use crate::state::AppState;

/// The resume library, newest first, each resume with its best score over all jobs (names
/// withheld while the current job is screened blind).
#[tauri::command]
pub async fn list_resumes(state: State<'_, AppState>) -> CmdResult<Vec<LibraryRow>> {
    with_store(&state, |s| s.library_for_window()).await
}

#[tauri::command]
pub async fn resume_detail(state: State<'_, AppState>, id: String) -> CmdResult<ResumeDetail> {
    let id = ResumeId::parse(&id)?;
    with_store(&state, move |s| s.resume_detail_for_window(&id)).await
}

/// The resumes possibly of the same person as `id` (split links left out).
#[tauri::command]
pub async fn same_person(state: State<'_, AppState>, id: String) -> CmdResult<Vec<SamePerson>> {
    let id = ResumeId::parse(&id)?;
    with_store(&state, move |s| s.same_person(&id)).await
}

/// Confirms that two resumes are the same person's; returns `id`'s links after.
#[tauri::command]
pub async fn link_resumes(
    state: State<'_, AppState>,
    id: String,
    other: String,
) -> CmdResult<Vec<SamePerson>> {
    judge(&state, &id, &other, Store::link).await
}

/// Splits two resumes: two people, kept on re-import; returns `id`'s links after.
#[tauri::command]
pub async fn unlink_resumes(
    state: State<'_, AppState>,
    id: String,
    other: String,
) -> CmdResult<Vec<SamePerson>> {
    judge(&state, &id, &other, Store::unlink).await
}

/// Records a verdict on two resumes with `verdict` (link or unlink); returns `id`'s links.
async fn judge(
    state: &State<'_, AppState>,
    id: &str,
    other: &str,
    verdict: fn(&Store, &ResumeId, &ResumeId) -> shortlist_core::Result<()>,
) -> CmdResult<Vec<SamePerson>> {
    let (id, other) = (ResumeId::parse(id)?, ResumeId::parse(other)?);
    with_store(state, move |s| {
        verdict(s, &id, &other)?;
        s.same_person(&id)
    })
    .await
}

/// The width a page is rendered at when the window does not say (and the bounds of one it
/// asks for: the preview's zoom renders the page again at the size it is shown, not a blurry
/// scale of a small image; PDFium's worker caps it at 2000).
const PAGE_WIDTH: u32 = 900;
const PAGE_WIDTHS: std::ops::RangeInclusive<u32> = 200..=2000;

/// Renders page `page` (0-based) of a stored resume with PDFium, `width` pixels wide (the
/// preview's size at its zoom), for the preview beside its text (no external viewer).
#[tauri::command]
pub async fn resume_page(
    state: State<'_, AppState>,
    id: String,
    page: u32,
    width: Option<u32>,
) -> CmdResult<PagePreview> {
    let width = width
        .unwrap_or(PAGE_WIDTH)
        .clamp(*PAGE_WIDTHS.start(), *PAGE_WIDTHS.end());
    use base64::Engine as _;
    let id = ResumeId::parse(&id)?;
    with_session(&state, move |s, session| {
        s.check_original_shown(&id)?;
        let pdf = s.resume_pdf(&id)?;
        let rendered =
            session
                .pdf_reader()?
                .render_page(&pdf, page, width, PdfLimits::default())?;
        Ok(PagePreview {
            data_url: format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&rendered.png)
            ),
            page,
            pages: rendered.pages,
        })
    })
    .await
}
