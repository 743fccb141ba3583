import { useTranslation } from "react-i18next";

import { NotYetAvailable } from "../shell/NotYetAvailable";
import { sectionById } from "../shell/sections";

/** Cases: not in this version yet; the page says so and what it will hold. */
export function CasesPage() {
  const { t } = useTranslation();
  return (
    <NotYetAvailable
      title={t("sections.cases.title")}
      description={t("sections.cases.description")}
      icon={sectionById("cases").icon}
    />
  );
}
