import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { isNetworkLocation, isUncPath, locationFacts } from './location';

describe('telling a network share from a local disk', () => {
  it('recognises UNC paths in every spelling, and not long local paths or devices', () => {
    expect(isUncPath('\\\\fs01\\kenko\\renkei.sqlite')).toBe(true);
    expect(isUncPath('//fs01/kenko/renkei.sqlite')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\fs01\\kenko\\renkei.sqlite')).toBe(true);
    expect(isUncPath('\\\\?\\C:\\Users\\kenko\\renkei.sqlite')).toBe(false);
    expect(isUncPath('\\\\.\\PhysicalDrive0')).toBe(false);
    expect(isUncPath('C:\\Users\\kenko\\renkei.sqlite')).toBe(false);
    expect(isUncPath('/home/kenko/renkei.sqlite')).toBe(false);
  });

  it('on Windows: a UNC path or a mapped drive whose final path is a share', () => {
    expect(isNetworkLocation({ platform: 'win32', path: '\\\\fs01\\kenko\\renkei.sqlite' })).toBe(true);
    expect(isNetworkLocation({ platform: 'win32', path: 'Z:\\renkei.sqlite', finalPath: '\\\\fs01\\kenko' })).toBe(true);
    expect(isNetworkLocation({ platform: 'win32', path: 'Z:\\renkei.sqlite', finalPath: '\\\\?\\UNC\\fs01\\kenko' })).toBe(true);
    expect(isNetworkLocation({ platform: 'win32', path: 'C:\\Users\\kenko\\renkei.sqlite', finalPath: 'C:\\Users\\kenko' })).toBe(false);
    expect(isNetworkLocation({ platform: 'win32', path: 'D:\\renkei.sqlite' })).toBe(false);
  });

  it('on Linux: NFS, SMB and CIFS mounts by their file system type, local ones not', () => {
    const at = (fsType: number) => isNetworkLocation({ platform: 'linux', path: '/mnt/share/renkei.sqlite', fsType });
    expect(at(0x6969)).toBe(true); // NFS
    expect(at(0xff534d42)).toBe(true); // CIFS
    expect(at(-0xacb2be)).toBe(true); // CIFS as a signed 32-bit number
    expect(at(0xfe534d42)).toBe(true); // SMB2
    expect(at(0x517b)).toBe(true); // SMB
    expect(at(0xef53)).toBe(false); // ext4
    expect(at(0x58465342)).toBe(false); // XFS
    expect(at(0x01021994)).toBe(false); // tmpfs
    expect(isNetworkLocation({ platform: 'linux', path: '/home/kenko/renkei.sqlite' })).toBe(false);
  });

  it('finds this machine’s temporary folder local', () => {
    const facts = locationFacts(`${tempDir()}/x.sqlite`);
    expect(isNetworkLocation(facts)).toBe(false);
  });
});
