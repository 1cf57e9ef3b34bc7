/** Where a drawn enterprise's 检查通知书 is served. */
export const noticePath = (code: string, taskId: string, uscc: string) => `/j/${code}/tasks/${taskId}/notices/${uscc}.pdf`;

/** The public page a notice's QR code opens: that this enterprise was drawn fairly. */
export const verificationPath = (drawId: string, uscc: string) => `/verify/${drawId}/${uscc}`;

/** 扫码入企: one enterprise's public record. */
export const enterpriseRecordPath = (uscc: string) => `/enterprises/${uscc}`;
