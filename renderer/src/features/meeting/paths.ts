/** Where each 会議・研修 screen lives under #/meeting. */
export const meetingPath = {
  year: (fy: number) => `/meeting/${fy}`,
  meeting: (fy: number, id: number | 'new') => `/meeting/${fy}/m/${id}`,
  trainings: (fy: number) => `/meeting/${fy}/trainings`,
  bodies: (fy: number) => `/meeting/${fy}/bodies`,
};
