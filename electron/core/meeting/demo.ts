export async function loadMeetingDemo(): Promise<void> {}
