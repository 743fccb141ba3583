/**
 * The Cases list, drawn ahead of each visit (KeptPage) once the navbar's list (every
 * case, default order) is loaded, e.g. by the Dashboard, which keeps it warm: opening
 * Cases then only shows it.
 */
import { useFirstPageCached } from "../ipc/queries";
import { KeptPage } from "../shell/KeptPage";
import { sectionById } from "../shell/sections";
import { CaseListPage } from "./CaseListPage";
import { DEFAULT_LIST_QUERY } from "./listState";

export function KeptCaseList() {
  const ready = useFirstPageCached(DEFAULT_LIST_QUERY);
  return (
    <KeptPage path={sectionById("cases").path} ready={ready}>
      <CaseListPage />
    </KeptPage>
  );
}
