/**
 * Certificate hooks: the files attached to an agent's external training records,
 * attaching one (Rust opens the open dialog) and saving one back out (Rust opens the
 * save dialog). The webview never names a path.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { commands, type AgentId, type TrainingRecordId } from "./bindings";
import { unwrap } from "./result";

export const attachmentKeys = {
  all: ["attachments"] as const,
  agent: (agent: AgentId) => ["attachments", agent] as const,
};

/** The certificates attached to an agent's records. */
export function useAttachments(agent: AgentId) {
  return useQuery({ queryKey: attachmentKeys.agent(agent), queryFn: async () => unwrap(await commands.trainingAttachments(agent)) });
}

/** Picks a certificate in the open dialog and attaches it; `false` when the dialog was closed. */
export function useAttach() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (recordId: TrainingRecordId) => unwrap(await commands.trainingAttachmentPick(recordId)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: attachmentKeys.all });
    },
  });
}

/** Saves a record's certificate where the user picks; the path, or null when the dialog was closed. */
export function useSaveAttachment() {
  return useMutation({
    mutationFn: async ({ recordId, fileName }: { recordId: TrainingRecordId; fileName: string }) =>
      unwrap(await commands.trainingAttachmentSave(recordId, fileName)),
  });
}
